import PKData

/// One target of the leave-one-subject-out protocol (evaluation.md), for a given k.
///
/// - `visible`: what the forecaster may see of the target — its doses, covariates, every observation at or
///   before the first dose (pre-dose samples are kept as data but never counted among the k), and its first
///   k observations strictly after the first dose (all outputs, in time order).
/// - `hidden`: the target's remaining post-dose observations (never shown to the forecaster).
/// - `scored`: the hidden observations that are scored: positive value, not censored.
public struct ProtocolSplit: Sendable {
    public var visible: Subject
    public var hidden: [Observation]
    public var scored: [Observation]

    /// Splits `subject` for `given` = k ≥ 0. A subject without doses has no first dose: every observation is
    /// treated as post-dose.
    public init(subject: Subject, given k: Int) {
        precondition(k >= 0, "given must be ≥ 0")
        let t0 = subject.firstDoseTime ?? -Double.infinity
        let sorted = subject.observations.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
            .map(\.element)
        let pre = sorted.filter { $0.time <= t0 }
        let post = sorted.filter { $0.time > t0 }
        var visible = subject
        visible.observations = pre + post.prefix(k)
        self.visible = visible
        self.hidden = Array(post.dropFirst(k))
        self.scored = hidden.filter { $0.value > 0 && !$0.censored }
    }
}
