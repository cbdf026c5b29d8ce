import Foundation
import PKData

/// Spread factors by the number k of given post-dose observations, measured on held-out subjects (split
/// conformal): each held-out subject is forecast from its context with its first k observations given; every
/// hidden point gives a normalised error (`InStudyCalibration.normalisedError`: ≤ 1 inside the 90 % interval)
/// and `scales[k]` is the conformal 90 % quantile of them (`InStudyCalibration.conformalScale`, no shrinkage:
/// these subjects are out of sample). Two sources:
/// - a finetuned model's held-out subjects (`measure(_:training:validation:seed:)`): finetuning is known to
///   narrow the intervals, and its context subjects cannot calibrate it in-study;
/// - held-out synthetic studies of the model's prior (`SyntheticSpread`, per inference plan and study
///   design), the factor in-study calibration shrinks toward.
/// Applied about the median; `scales[min(k, count − 1)]` serves every larger k.
public struct HeldOutSpread: Codable, Hashable, Sendable {
    public var scales: [Double]
    /// Held-out subjects, and their hidden points per k.
    public var subjects: Int
    public var points: [Int]

    public init(scales: [Double], subjects: Int, points: [Int]) {
        self.scales = scales; self.subjects = subjects; self.points = points
    }

    /// Largest k measured (the protocol's k = 0…4).
    public static let maximumGiven = 4
    /// Latent samples per held-out forecast.
    public static let samples = 32

    public func scale(given k: Int) -> Double { scales[min(max(k, 0), scales.count - 1)] }

    /// nil when no k has at least 9 hidden points of output 0 (too few to estimate a 90 % quantile); k values
    /// with fewer points (late k in sparse studies) take the previous k's factor.
    static func measure(_ forecaster: AICMETForecaster, training: [Subject], validation: [Subject], seed: UInt64) throws -> HeldOutSpread? {
        HeldOutSpread(errors: try errors(forecaster, context: training, targets: validation, seed: seed, cache: EncoderCache()),
                      subjects: validation.count)
    }

    /// The normalised errors of the targets' hidden points of output 0 by k = 0…`maximumGiven`.
    static func errors(_ forecaster: AICMETForecaster, context: [Subject], targets: [Subject], seed: UInt64,
                       cache: EncoderCache) throws -> [[Double]] {
        let layout = forecaster.model.layout
        return try (0...maximumGiven).map { k in
            var errors: [Double] = []
            for (j, subject) in targets.enumerated() {
                errors += try InStudyCalibration.normalisedErrors(subject, given: k, output: 0, layout: layout) { target, times in
                    try forecaster.plannedPredictive(context: context, target: target, times: times, output: 0, samples: samples,
                                                     seed: seed &+ 7919 &* UInt64(j + 1) &+ UInt64(k), cache: cache)
                }
            }
            return errors
        }
    }

    /// The factors of `errors[k]` up to the first k with fewer than 9 errors; nil when k = 0 has fewer.
    init?(errors: [[Double]], subjects: Int) {
        let measured = errors.prefix { $0.count >= 9 }
        guard !measured.isEmpty else { return nil }
        self.init(scales: measured.map(InStudyCalibration.conformalScale), subjects: subjects, points: measured.map(\.count))
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
