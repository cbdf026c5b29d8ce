import Foundation
import PKData
import PKSim

/// Calibration of the predictive spread on the study's own subjects (cross-conformal over the context).
/// Each context subject with observations beyond its first k (k = the target's number of given post-dose
/// observations) is forecast in turn from the other context subjects, its first k observations given; every
/// held-out point x of the requested output gives a normalised error r = (x − median) / (q95 − median)
/// above the median, (median − x) / (median − q05) below (log scale), so that r ≤ 1 means inside the 90 %
/// interval. The raw scale is the conformal 90 % quantile of the n errors (the ⌈0.9 (n + 1)⌉-th smallest),
/// clamped to [1/4, 4], and shrunk in log space toward `target` (the model's factor measured on synthetic
/// studies, `VariantSpec.syntheticSpread`; 1 without one) by m / (m + `shrinkageSubjects`) for m
/// pseudo-targets: a few subjects say little. The target's predictive distributions are then widened or
/// narrowed about their medians by that scale (`GaussianMixture.scaled`); medians are unchanged.
public struct InStudyCalibration: Sendable, Equatable {
    /// Factor applied to every quantile's distance to the median.
    public var scale: Double
    /// Context subjects forecast as pseudo-targets, and their held-out points.
    public var subjects: Int
    public var points: Int

    /// Fewer pseudo-targets than this (or fewer than 9 points) leave the spread as the model gives it.
    public static let minimumSubjects = 3
    public static let shrinkageSubjects = 5.0
    /// Latent samples per pseudo-target forecast.
    public static let samples = 16
    /// At most this many pseudo-targets (a seeded subset of the eligible context subjects), so that the cost
    /// of a forecast stays bounded in large studies.
    public static let maximumSubjects = 40

    /// Forecasts of a pseudo-target: a context subject's first k observations given, the other context
    /// subjects its context. `forecast(context, pseudoTarget, times, seed)` returns predictive distributions
    /// over normalised log-concentration of the requested output and the study scaling it used.
    typealias PseudoForecast = (_ context: [Subject], _ target: Subject, _ times: [Double], _ seed: UInt64) throws
        -> (scaling: StudyScaling, distributions: [GaussianMixture])

    /// The held-out points of every pseudo-target (one entry per subject, in context order): the context subjects
    /// with observations of `output` beyond their first k, at most `maximumSubjects` of them (a subset drawn
    /// with `seed`); pseudo-target j is forecast with seed `seed + 7919 (j + 1)`, whoever calls.
    static func heldOutForecasts(context: [Subject], given k: Int, output: Int, layout: FeatureLayout, seed: UInt64,
                                 maximumSubjects: Int = maximumSubjects, forecast: PseudoForecast) throws -> [[HeldOutPoint]] {
        var eligible = context.indices.filter { !split(context[$0], given: k, output: output, layout: layout).hidden.isEmpty }
        if eligible.count > maximumSubjects {
            var rng = SeededGenerator(seed: seed)
            eligible = Array(eligible.shuffled(using: &rng).prefix(maximumSubjects)).sorted()
        }
        return try eligible.map { j in
            var others = context
            others.remove(at: j)
            return try heldOutPoints(context[j], given: k, output: output, layout: layout) { target, times in
                try forecast(others, target, times, seed &+ 7919 &* UInt64(j + 1))
            }
        }
    }

    /// The calibration for a target with `given` post-dose observations; nil when fewer than `minimumSubjects`
    /// context subjects have observations of `output` beyond their first `given`, or fewer than 9 such points.
    static func measure(context: [Subject], given k: Int, output: Int, layout: FeatureLayout, seed: UInt64,
                        maximumSubjects: Int = maximumSubjects, toward target: Double = 1,
                        forecast: PseudoForecast) throws -> InStudyCalibration? {
        InStudyCalibration(heldOut: try heldOutForecasts(context: context, given: k, output: output, layout: layout, seed: seed,
                                                         maximumSubjects: maximumSubjects, forecast: forecast),
                           toward: target)
    }

    /// The calibration from the pseudo-targets' held-out points (`heldOutForecasts`); nil with fewer than
    /// `minimumSubjects` subjects or 9 points.
    init?(heldOut: [[HeldOutPoint]], toward target: Double = 1) {
        let errors = heldOut.joined().map { Self.normalisedError($0.value, $0.distribution) }
        let subjects = heldOut.count
        guard subjects >= Self.minimumSubjects, errors.count >= 9 else { return nil }
        let weight = Double(subjects) / (Double(subjects) + Self.shrinkageSubjects)
        let scale = exp(weight * log(Self.conformalScale(errors)) + (1 - weight) * log(target))
        self.scale = scale; self.subjects = subjects; points = errors.count
    }

    /// The conformal 90 % quantile of normalised errors (the ⌈0.9 (n + 1)⌉-th smallest), clamped to [1/4, 4].
    static func conformalScale(_ errors: [Double]) -> Double {
        let sorted = errors.sorted()
        let rank = min(sorted.count, Int((0.9 * Double(sorted.count + 1)).rounded(.up)))
        return min(max(sorted[rank - 1], 0.25), 4)
    }

    /// `subject`'s first k observations (given) and its later observations of `output` (hidden).
    static func split(_ subject: Subject, given k: Int, output: Int, layout: FeatureLayout) -> (given: [Observation], hidden: [Observation]) {
        let split = GivenSplit(layout.usableObservations(subject), firstDose: subject.firstDoseTime, given: k)
        return (split.given, split.hidden.filter { $0.output == output })
    }

    /// `subject`'s hidden points of `output` with the predictive distributions `forecast(target, times)` gives
    /// when only its first k observations are given (none when nothing is hidden).
    static func heldOutPoints(_ subject: Subject, given k: Int, output: Int, layout: FeatureLayout,
                              forecast: (_ target: Subject, _ times: [Double]) throws
                                -> (scaling: StudyScaling, distributions: [GaussianMixture])) throws -> [HeldOutPoint] {
        let (given, hidden) = split(subject, given: k, output: output, layout: layout)
        guard !hidden.isEmpty else { return [] }
        var target = subject
        target.observations = given
        let (scaling, distributions) = try forecast(target, hidden.map(\.time))
        return zip(hidden, distributions).map { HeldOutPoint(value: scaling.logConcentration($0.value), distribution: $1) }
    }

    /// The normalised errors of `heldOutPoints`.
    static func normalisedErrors(_ subject: Subject, given k: Int, output: Int, layout: FeatureLayout,
                                 forecast: (_ target: Subject, _ times: [Double]) throws
                                    -> (scaling: StudyScaling, distributions: [GaussianMixture])) throws -> [Double] {
        try heldOutPoints(subject, given: k, output: output, layout: layout, forecast: forecast)
            .map { normalisedError($0.value, $0.distribution) }
    }

    /// r ≤ 1 exactly when x lies inside the central 90 % interval of `distribution`.
    static func normalisedError(_ x: Double, _ distribution: GaussianMixture) -> Double {
        let median = distribution.quantile(0.5)
        return x >= median ? (x - median) / (distribution.quantile(0.95) - median)
                           : (median - x) / (median - distribution.quantile(0.05))
    }

    public func apply(to distribution: GaussianMixture) -> GaussianMixture {
        distribution.scaled(about: distribution.quantile(0.5), by: scale)
    }
}

/// A held-out observation: its normalised log-concentration and the predictive distribution it was forecast with.
struct HeldOutPoint {
    var value: Double
    var distribution: GaussianMixture
}
