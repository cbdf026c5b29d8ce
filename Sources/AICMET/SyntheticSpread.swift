import Foundation
import PKData

/// Spread factors of one inference plan measured on held-out synthetic studies of the model's prior, by k,
/// separately for sparse studies and the others (a model's intervals are too wide on dense studies and about
/// right on sparse ones, so one pooled factor, dominated by the dense studies' many points, under-covers
/// sparse designs). In-study calibration shrinks toward the factor of the study's design and falls back on
/// it; uncalibrated forecasts of the plan apply it (`AICMETForecaster`).
public struct SyntheticSpread: Codable, Hashable, Sendable {
    public var dense: HeldOutSpread
    /// nil when measured without the split, or with too few sparse studies: sparse studies then use `dense`.
    public var sparse: HeldOutSpread?

    public init(dense: HeldOutSpread, sparse: HeldOutSpread?) { self.dense = dense; self.sparse = sparse }

    /// A study is sparse when the median number of usable observations of its subjects that have any is at
    /// most this (the prior's sparse designs draw 1–4 samples per subject).
    public static let sparseObservations = 4

    /// Whether `subjects` (a forecast's context) form a sparse study.
    public static func isSparse(_ subjects: [Subject], layout: FeatureLayout) -> Bool {
        let counts = subjects.map { layout.usableObservations($0).count }.filter { $0 > 0 }.sorted()
        return !counts.isEmpty && counts[counts.count / 2] <= sparseObservations
    }

    /// The factors for a forecast whose context is `context`.
    public func spread(for context: [Subject], layout: FeatureLayout) -> HeldOutSpread {
        Self.isSparse(context, layout: layout) ? sparse ?? dense : dense
    }

    /// Every subject of each study in turn is the held-out target, the study's other subjects its context
    /// (with `splitSparse`, its design decides the bucket; without, every study counts as dense and `sparse` is
    /// nil). The forecaster's plan decides how z_n is drawn; its calibration is not applied. nil when the dense
    /// bucket has fewer than 9 hidden points at k = 0.
    public static func measure(_ forecaster: AICMETForecaster, studies: [Study], seed: UInt64,
                               splitSparse: Bool) throws -> SyntheticSpread? {
        var pooled = [false: [[Double]](repeating: [], count: HeldOutSpread.maximumGiven + 1)]
        pooled[true] = pooled[false]
        var subjects = [false: 0, true: 0]
        for (s, study) in studies.enumerated() {
            let cache = EncoderCache()
            for (j, target) in study.subjects.enumerated() {
                var context = study.subjects
                context.remove(at: j)
                let sparse = splitSparse && isSparse(context, layout: forecaster.model.layout)
                let errors = try HeldOutSpread.errors(forecaster, context: context, targets: [target],
                                                      seed: seed &+ 104_729 &* UInt64(s + 1) &+ UInt64(j), cache: cache)
                for k in errors.indices { pooled[sparse]![k] += errors[k] }
                subjects[sparse]! += 1
            }
        }
        guard let dense = HeldOutSpread(errors: pooled[false]!, subjects: subjects[false]!) else { return nil }
        return SyntheticSpread(dense: dense, sparse: HeldOutSpread(errors: pooled[true]!, subjects: subjects[true]!))
    }

    public var description: String {
        sparse.map { dense.description + "; sparse studies " + $0.description } ?? dense.description + " (every design)"
    }
}
