import Foundation
import PKData

/// The bandwidth of `combined` chosen on the study's own subjects (cross-validation over the context, the
/// way a modeller compares candidate models on held-out subjects). The pseudo-targets, their contexts and
/// seeds are `InStudyCalibration`'s: each context subject with observations beyond its first k is forecast
/// from the other context subjects, its first k observations given, once per candidate in `bandwidths`.
/// The candidate with the lowest mean per-subject log-RMSE of the medians wins (ties: the earlier one);
/// its normalised errors then calibrate the spread, so the calibration costs no extra pass.
public struct InStudySelection {
    /// Candidate bandwidths, smallest first.
    public static let bandwidths: [Double] = [0.5, 1, 2, 4]
    /// The bandwidth when the study has too few pseudo-targets to choose (`InStudyCalibration.minimumSubjects`).
    public static let fallbackBandwidth = 0.5

    public var bandwidth: Double
    /// Mean per-subject log-RMSE of each candidate (order of `bandwidths`).
    public var scores: [Double]
    /// The spread calibration measured with the chosen bandwidth (nil when too few points).
    public var calibration: InStudyCalibration?

    /// The selection for a target with `given` post-dose observations; nil when fewer than
    /// `InStudyCalibration.minimumSubjects` context subjects have observations of `output` beyond their first k.
    /// `forecast(bandwidth, context, pseudoTarget, times, seed)` returns predictive distributions over
    /// normalised log-concentration of the requested output and the study scaling it used.
    static func measure(context: [Subject], given k: Int, output: Int, layout: FeatureLayout, seed: UInt64,
                        forecast: (_ bandwidth: Double, _ context: [Subject], _ target: Subject, _ times: [Double], _ seed: UInt64) throws
                            -> (scaling: StudyScaling, distributions: [GaussianMixture])) throws -> InStudySelection? {
        let targets = InStudyCalibration.pseudoTargets(context: context, given: k, output: output, layout: layout, seed: seed)
        guard targets.count >= InStudyCalibration.minimumSubjects else { return nil }
        var best: (bandwidth: Double, score: Double, errors: [Double])? = nil
        var scores: [Double] = []
        for bandwidth in bandwidths {
            var errors: [Double] = [], logRMSE = 0.0
            for j in targets {
                let held = try InStudyCalibration.heldOutErrors(context[j], given: k, output: output, layout: layout) { target, times in
                    try forecast(bandwidth, InStudyCalibration.pseudoContext(context, without: j), target, times,
                                 InStudyCalibration.pseudoSeed(seed, j))
                }
                errors += held.map(\.normalised)
                logRMSE += (held.map { $0.log * $0.log }.reduce(0, +) / Double(held.count)).squareRoot()
            }
            let score = logRMSE / Double(targets.count)
            scores.append(score)
            if best == nil || score < best!.score { best = (bandwidth, score, errors) }
        }
        return InStudySelection(bandwidth: best!.bandwidth, scores: scores,
                                calibration: InStudyCalibration(errors: best!.errors, subjects: targets.count))
    }
}
