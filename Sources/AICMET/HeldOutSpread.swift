import Foundation
import PKData

/// Spread factors of a finetuned model, by the number k of given post-dose observations, measured on the
/// subjects finetuning held out for early stopping (split conformal): each held-out subject is forecast
/// from the training subjects with its first k observations given; every hidden point gives a normalised
/// error (`InStudyCalibration.normalisedError`: ≤ 1 inside the 90 % interval) and `scales[k]` is the
/// conformal 90 % quantile of them (`InStudyCalibration.conformalScale`, no shrinkage: these subjects are
/// out of sample, and finetuning is known to narrow the intervals). Applied about the median to forecasts
/// that are not calibrated in-study; `scales[min(k, count − 1)]` serves every larger k.
public struct HeldOutSpread: Codable, Hashable, Sendable {
    public var scales: [Double]
    /// Held-out subjects, and their hidden points per k.
    public var subjects: Int
    public var points: [Int]

    /// Largest k measured (the protocol's k = 0…4).
    public static let maximumGiven = 4
    /// Latent samples per held-out forecast.
    public static let samples = 32

    public func scale(given k: Int) -> Double { scales[min(max(k, 0), scales.count - 1)] }

    /// nil when no k has at least 9 hidden points of output 0 (too few to estimate a 90 % quantile); k values
    /// with fewer points (late k in sparse studies) take the previous k's factor.
    static func measure(_ forecaster: AICMETForecaster, training: [Subject], validation: [Subject], seed: UInt64) throws -> HeldOutSpread? {
        let layout = forecaster.model.layout
        var scales: [Double] = [], points: [Int] = []
        let cache = EncoderCache()
        for k in 0...maximumGiven {
            var errors: [Double] = []
            for (j, subject) in validation.enumerated() {
                errors += try InStudyCalibration.normalisedErrors(subject, given: k, output: 0, layout: layout) { target, times in
                    try forecaster.predictive(context: training, target: target, times: times, output: 0, samples: samples,
                                              seed: seed &+ 7919 &* UInt64(j + 1) &+ UInt64(k), cache: cache)
                }
            }
            guard errors.count >= 9 else { break }
            scales.append(InStudyCalibration.conformalScale(errors))
            points.append(errors.count)
        }
        return scales.isEmpty ? nil : HeldOutSpread(scales: scales, subjects: validation.count, points: points)
    }

    public func apply(to distribution: GaussianMixture, given k: Int) -> GaussianMixture {
        distribution.scaled(about: distribution.quantile(0.5), by: scale(given: k))
    }

    /// `× 1.00, 1.35, … at k = 0…4 (3 held-out subjects)`.
    public var description: String {
        "× " + scales.map { String(format: "%.2f", $0) }.joined(separator: ", ")
            + " at k = 0…\(scales.count - 1) (\(subjects) held-out subject\(subjects == 1 ? "" : "s"), \(points.reduce(0, +)) points)"
    }
}
