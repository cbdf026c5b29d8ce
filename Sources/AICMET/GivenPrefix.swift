import PKData

/// The evaluation protocol's split of a subject's observations (evaluation.md): observations at or before
/// the first dose are kept as data but not counted; the first `given` observations after the first dose
/// are given; the rest are hidden (to be forecast).
public struct GivenSplit {
    public var given: [Observation]
    public var hidden: [Observation]

    public init(_ observations: [Observation], firstDose: Double?, given k: Int) {
        let sorted = observations.sorted { $0.time < $1.time }
        var given: [Observation] = []
        var hidden: [Observation] = []
        var counted = 0
        for obs in sorted {
            if let first = firstDose, obs.time <= first {
                given.append(obs)
            } else if counted < k {
                given.append(obs); counted += 1
            } else {
                hidden.append(obs)
            }
        }
        self.given = given; self.hidden = hidden
    }
}
