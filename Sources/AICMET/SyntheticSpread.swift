import Foundation
import PKData

/// Spread factors of one inference plan measured on held-out synthetic studies of the model's prior, by k,
/// optionally separately for sparse studies and the others (one pooled factor is dominated by the dense
/// studies' many points). In-study calibration shrinks toward the factor of the study's design and falls back
/// on it; uncalibrated forecasts of the plan apply it (`AICMETForecaster`).
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
        // Bucket 0: dense (every study without `splitSparse`), 1: sparse.
        var pooled = [[[Double]]](repeating: [[Double]](repeating: [], count: HeldOutSpread.maximumGiven + 1), count: 2)
        var subjects = [0, 0]
        for (s, study) in studies.enumerated() {
            let cache = EncoderCache()
            for (j, target) in study.subjects.enumerated() {
                var context = study.subjects
                context.remove(at: j)
                let bucket = splitSparse && isSparse(context, layout: forecaster.model.layout) ? 1 : 0
                let errors = try HeldOutSpread.errors(forecaster, context: context, targets: [target],
                                                      seed: seed &+ 104_729 &* UInt64(s + 1) &+ UInt64(j), cache: cache)
                for k in errors.indices { pooled[bucket][k] += errors[k] }
                subjects[bucket] += 1
            }
        }
        guard let dense = HeldOutSpread(errors: pooled[0], subjects: subjects[0]) else { return nil }
        return SyntheticSpread(dense: dense, sparse: HeldOutSpread(errors: pooled[1], subjects: subjects[1]))
    }

    public var description: String {
        sparse.map { dense.description + "; sparse studies " + $0.description } ?? dense.description + " (every design)"
    }
}
