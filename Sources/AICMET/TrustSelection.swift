import Foundation
import PKData

/// The in-study choice of how far to trust the target's given points (plan option `+selected`).
///
/// In some studies a subject's first samples mislead the model (erratic absorption: a short lag in some
/// subjects and none in others), and the study's own subjects can show it. Each pseudo-target of
/// `InStudyCalibration.heldOutForecasts` (a context subject with its first k observations given) is forecast
/// at every candidate likelihood weight w of `weights` — 1: the plan's own draws; 0 < w < 1: `combined`
/// with the given points' likelihood raised to w (`PopulationPosterior`); 0: the given points ignored (the
/// population predictive of k = 0) — with the same seeds for every candidate, and scored by each pseudo-target's
/// log-RMSE (the predictive median against the held-out values, the protocol's metric). A candidate's advantage
/// over the plan's own draws is the mean of its paired per-subject differences, penalised by `margin` standard
/// errors of that mean; the plan's own draws stay unless some candidate's penalised difference is negative, and
/// then the lowest wins: a few pseudo-targets rarely overrule the encoder.
public struct TrustSelection {
    /// Candidate likelihood weights of the given points, most trusting first.
    public static let weights: [Double] = [1, 0.5, 0.2, 0]
    /// Standard errors by which a candidate's mean advantage is discounted (session 15: 2 did better than 1 on
    /// synthetic studies, 0 worse than both).
    public static let margin = 2.0

    public var weight: Double
    /// Mean pseudo-target log-RMSE per candidate, in `weights` order.
    public var errors: [Double]
    /// Pseudo-targets that scored the candidates.
    public var subjects: Int
    /// The chosen weight's held-out points (what in-study calibration measures, `InStudyCalibration(heldOut:)`).
    let heldOut: [[HeldOutPoint]]

    /// nil when fewer than `InStudyCalibration.minimumSubjects` context subjects have observations of `output`
    /// beyond their first k. `forecast(w, context, target, times, seed)` forecasts at likelihood weight w.
    static func choose(context: [Subject], given k: Int, output: Int, layout: FeatureLayout, seed: UInt64,
                       forecast: (_ weight: Double, _ context: [Subject], _ target: Subject, _ times: [Double], _ seed: UInt64) throws
                           -> (scaling: StudyScaling, distributions: [GaussianMixture])) throws -> TrustSelection? {
        var candidates: [[[HeldOutPoint]]] = []
        for w in weights {
            let heldOut = try InStudyCalibration.heldOutForecasts(context: context, given: k, output: output, layout: layout, seed: seed) {
                try forecast(w, $0, $1, $2, $3)
            }
            guard heldOut.count >= InStudyCalibration.minimumSubjects else { return nil }
            candidates.append(heldOut)
        }
        let perSubject = candidates.map { $0.map(logRMSE) }
        let m = Double(perSubject[0].count)
        let penalised = perSubject.map { errors -> Double in
            let d = zip(errors, perSubject[0]).map { $0 - $1 }
            let mean = d.reduce(0, +) / m
            let variance = d.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (m - 1)   // m ≥ minimumSubjects = 3
            return mean + margin * sqrt(variance / m)
        }
        let best = penalised.indices.min { penalised[$0] < penalised[$1] }!
        return TrustSelection(weight: weights[best], errors: perSubject.map { $0.reduce(0, +) / m }, subjects: Int(m),
                              heldOut: candidates[best])
    }

    /// sqrt(mean (median − value)²) over one subject's held-out points (log scale).
    static func logRMSE(_ points: [HeldOutPoint]) -> Double {
        sqrt(points.map { pow($0.distribution.quantile(0.5) - $0.value, 2) }.reduce(0, +) / Double(points.count))
    }
}
