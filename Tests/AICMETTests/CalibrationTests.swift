import XCTest
import Foundation
import PKData
import PKSim
@testable import AICMET

final class CalibrationTests: XCTestCase {
    func testScalingAMixtureMovesEveryQuantileAndKeepsTheCentre() {
        let mixture = GaussianMixture(weights: [0.3, 0.7], means: [-1, 0.5], sds: [0.4, 0.9])
        let centre = mixture.quantile(0.5)
        let scaled = mixture.scaled(about: centre, by: 0.6)
        for p in [0.05, 0.25, 0.5, 0.8, 0.95] {
            XCTAssertEqual(scaled.quantile(p), centre + 0.6 * (mixture.quantile(p) - centre), accuracy: 1e-7, "p = \(p)")
        }
        // E[exp X] of the scaled law in closed form: components N(c + f(m − c), (f s)²).
        let expected = 0.3 * exp(centre + 0.6 * (-1 - centre) + 0.5 * 0.24 * 0.24) + 0.7 * exp(centre + 0.6 * (0.5 - centre) + 0.5 * 0.54 * 0.54)
        XCTAssertEqual(scaled.meanOfExp, expected, accuracy: 1e-12)
    }

    func testNormalisedErrorIsOneOnTheIntervalBounds() {
        let mixture = GaussianMixture(weights: [0.5, 0.5], means: [0, 1], sds: [0.5, 0.3])
        XCTAssertEqual(InStudyCalibration.normalisedError(mixture.quantile(0.95), mixture), 1, accuracy: 1e-6)
        XCTAssertEqual(InStudyCalibration.normalisedError(mixture.quantile(0.05), mixture), 1, accuracy: 1e-6)
        XCTAssertEqual(InStudyCalibration.normalisedError(mixture.quantile(0.5), mixture), 0, accuracy: 1e-6)
    }

    /// A stub forecaster predicting N(0, 1) in normalised log space everywhere (scaling 1), so each held-out
    /// observation's error is |ln y| / 1.645. Six context subjects × 3 hidden points with known errors.
    func testScaleIsTheShrunkConformalQuantileOverThePseudoTargets() throws {
        let z95 = GaussianMixture(weights: [1], means: [0], sds: [1]).quantile(0.95)
        var context: [Subject] = []
        var expectedErrors: [Double] = []
        for i in 0..<6 {
            let errors = [0.2, 0.5, 1.0 + 0.3 * Double(i)]
            expectedErrors += errors
            let given = Observation(time: 0.5, value: 1)
            let hidden = errors.enumerated().map { j, r in Observation(time: Double(j + 1), value: exp((j % 2 == 0 ? 1 : -1) * r * z95)) }
            context.append(Subject(id: "\(i)", doses: [Dose(time: 0, amount: 1, route: .oral)], observations: [given] + hidden))
        }
        var calls: [(context: [String], target: Subject, times: [Double])] = []
        let calibration = try XCTUnwrap(InStudyCalibration.measure(
            context: context, given: 1, output: 0, layout: FeatureLayout(outputs: 1, adapters: []), seed: 3,
            forecast: { others, target, times, _ in
                calls.append((others.map(\.id), target, times))
                return (StudyScaling(concentration: 1, time: 1, dose: 1),
                        times.map { _ in GaussianMixture(weights: [1], means: [0], sds: [1]) })
            }))
        XCTAssertEqual(calls.count, 6)
        for (i, call) in calls.enumerated() {
            XCTAssertFalse(call.context.contains("\(i)"), "a pseudo-target is never its own context")
            XCTAssertEqual(call.context.count, 5)
            XCTAssertEqual(call.target.observations.map(\.time), [0.5], "only the first k = 1 observation is given")
            XCTAssertEqual(call.times, [1, 2, 3])
        }
        XCTAssertEqual(calibration.subjects, 6)
        XCTAssertEqual(calibration.points, 18)
        let sorted = expectedErrors.sorted()
        let raw = sorted[Int((0.9 * 19).rounded(.up)) - 1]            // the 18th smallest of 18
        XCTAssertEqual(calibration.scale, exp(6 / 11 * log(raw)), accuracy: 1e-5)
    }

    func testTooFewPseudoTargetsLeaveTheSpreadAlone() throws {
        let dose = Dose(time: 0, amount: 1, route: .oral)
        let context = (0..<4).map { i in
            Subject(id: "\(i)", doses: [dose], observations: (1...(i < 2 ? 6 : 2)).map { Observation(time: Double($0), value: 1) })
        }
        // k = 2: only subjects 0 and 1 have observations beyond their first two.
        let result = try InStudyCalibration.measure(context: context, given: 2, output: 0, layout: FeatureLayout(outputs: 1, adapters: []),
                                                    seed: 0, forecast: { _, _, times, _ in
            (StudyScaling(concentration: 1, time: 1, dose: 1), times.map { _ in GaussianMixture(weights: [1], means: [0], sds: [1]) })
        })
        XCTAssertNil(result)
    }

    /// Calibration changes the spread, never the median, and scales every interval by the same factor.
    func testACalibratedForecastKeepsTheMedianAndScalesEveryInterval() throws {
        let (model, request) = try twoGivenRequest()
        let plain = try AICMETForecaster(name: "m", model: model, samples: 32, plan: InferencePlan([.combined], bandwidth: 0.5)).forecast(request)
        let calibrated = try AICMETForecaster(name: "m", model: model, samples: 32,
                                              plan: InferencePlan([.combined], bandwidth: 0.5, calibrated: true)).forecast(request)
        let factors = zip(plain.points, calibrated.points).map { p, c -> Double in
            XCTAssertEqual(c.median, p.median, accuracy: 1e-6 * p.median)
            return log(c.q95 / c.median) / log(p.q95 / p.median)
        }
        for (p, c) in zip(plain.points, calibrated.points) {
            XCTAssertEqual(log(c.median / c.q05) / log(p.median / p.q05), factors[0], accuracy: 1e-5)
        }
        for f in factors { XCTAssertEqual(f, factors[0], accuracy: 1e-5) }
        XCTAssertNotEqual(factors[0], 1, accuracy: 1e-3)
        XCTAssertTrue(calibrated.warnings.isEmpty, "\(calibrated.warnings)")
        XCTAssertEqual(calibrated.notes.count, 1)
        XCTAssertTrue(calibrated.notes[0].hasPrefix("intervals calibrated on 6 context subjects forecast from their first 2 observations (42 held-out points)"),
                      calibrated.notes[0])
        XCTAssertTrue(plain.notes.isEmpty)
    }

    func testACalibratedForecastWithoutEnoughPseudoTargetsSaysSo() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 4)
        let study = fixtureStudy(subjects: 3)
        let request = ForecastRequest(context: Array(study.subjects.dropFirst()), target: study.subjects[0], queryTimes: [30], seed: 1)
        let forecast = try AICMETForecaster(name: "m", model: model, samples: 16, plan: try InferencePlan.parse("combined+calibrated")).forecast(request)
        XCTAssertTrue(forecast.warnings.contains { $0.hasPrefix("in-study calibration skipped") }, "\(forecast.warnings)")
    }

    func testCalibratedPlansParseAndOlderPlansReadUncalibrated() throws {
        let plan = try InferencePlan.parse("population,combined@0.5+calibrated")
        XCTAssertEqual(plan, InferencePlan([.population, .combined], bandwidth: 0.5, calibrated: true))
        XCTAssertEqual(plan.description, "population,combined@0.5+calibrated")
        XCTAssertEqual(try InferencePlan.parse(plan.description), plan)
        let old = try JSONDecoder().decode(InferencePlan.self, from: Data(#"{"byGiven":["combined"],"bandwidth":0.5}"#.utf8))
        XCTAssertEqual(old, InferencePlan([.combined], bandwidth: 0.5))
        for empty in ["", "+calibrated", "@0.5"] {
            XCTAssertThrowsError(try InferencePlan.parse(empty)) { error in XCTAssertTrue("\(error)".contains("is empty"), "\(error)") }
        }
    }

    /// A finetuned model has trained on its study's subjects: it must not calibrate on them.
    func testFinetunedModelsDropCalibration() throws {
        var spec = fixtureSpec()
        spec.inference = InferencePlan([.combined], bandwidth: 0.5, calibrated: true)
        let model = try AICMETModel(spec: spec, adapters: [], seed: 2)
        let tuned = try Finetuner.run(model: model, study: fixtureStudy(subjects: 5), name: "ft",
                                      config: FinetuneConfig(maxSteps: 2, batchStudies: 2, evaluateEvery: 1)).model
        XCTAssertEqual(tuned.spec.inferencePlan, InferencePlan([.combined], bandwidth: 0.5))
        XCTAssertNotNil(tuned.spec.heldOutSpread, "its spread is measured on the subjects finetuning held out instead")
    }

    /// Split conformal: scaled by its factor for k, the held-out subjects' own forecasts put at least 90 % of
    /// their hidden points inside the 90 % interval, and a factor 2 % smaller would not do much better than 90 %.
    func testHeldOutSpreadCoversNinetyPercentOfTheHeldOutPoints() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 5)
        let study = fixtureStudy(seed: 11, subjects: 7)
        let training = Array(study.subjects.prefix(4)), validation = Array(study.subjects.suffix(3))
        let forecaster = AICMETForecaster(name: "m", model: model, plan: InferencePlan([.combined], bandwidth: 0.5))
        let spread = try XCTUnwrap(HeldOutSpread.measure(forecaster, training: training, validation: validation, seed: 4))
        XCTAssertEqual(spread.subjects, 3)
        XCTAssertEqual(spread.points, [27, 24, 21, 18, 15], "9 observations per subject, the first k given")
        XCTAssertTrue(spread.scales.allSatisfy { $0 > 0.25 && $0 < 4 }, "\(spread.scales): none at the clamp")
        for (k, scale) in spread.scales.enumerated() {
            var errors: [Double] = []
            for (j, subject) in validation.enumerated() {
                var target = subject
                target.observations = Array(subject.observations.prefix(k))
                let hidden = Array(subject.observations.dropFirst(k))
                let (scaling, distributions) = try forecaster.predictive(
                    context: training, target: target, times: hidden.map(\.time), output: 0, samples: HeldOutSpread.samples,
                    seed: 4 &+ 7919 &* UInt64(j + 1) &+ UInt64(k), cache: nil)
                errors += zip(hidden, distributions).map { InStudyCalibration.normalisedError(scaling.logConcentration($0.value), $1) }
            }
            let inside = { (factor: Double) in Double(errors.filter { $0 <= factor }.count) / Double(errors.count) }
            XCTAssertGreaterThanOrEqual(inside(scale + 1e-9), 0.9, "k = \(k)")
            XCTAssertLessThan(inside(scale * 0.98), 0.9 + 1.0 / Double(errors.count) + 1e-9, "k = \(k): the smallest such factor")
        }
    }

    /// A model carrying a held-out spread widens its uncalibrated intervals by the factor for the target's k,
    /// about an unchanged median, and says so.
    func testAHeldOutSpreadScalesTheForecastByTheTargetsK() throws {
        var spec = fixtureSpec()
        let plain = try AICMETModel(spec: spec, adapters: [], seed: 4)
        spec.heldOutSpread = HeldOutSpread(scales: [1.5, 2.0], subjects: 3, points: [27, 24])
        let spread = try AICMETModel(spec: spec, adapters: [], seed: 4)
        let study = fixtureStudy(subjects: 5)
        for (k, factor) in [(0, 1.5), (1, 2.0), (3, 2.0)] {
            var target = study.subjects[0]
            target.observations = Array(target.observations.prefix(k))
            let request = ForecastRequest(context: Array(study.subjects.dropFirst()), target: target, queryTimes: [6, 12], seed: 2)
            let a = try AICMETForecaster(name: "a", model: plain, samples: 16).forecast(request)
            let b = try AICMETForecaster(name: "b", model: spread, samples: 16).forecast(request)
            for (p, q) in zip(a.points, b.points) {
                XCTAssertEqual(q.median, p.median, accuracy: 1e-6 * p.median)
                XCTAssertEqual(log(q.q95 / q.median), factor * log(p.q95 / p.median), accuracy: 1e-4, "k = \(k)")
                XCTAssertEqual(log(q.median / q.q05), factor * log(p.median / p.q05), accuracy: 1e-4, "k = \(k)")
            }
            XCTAssertEqual(b.notes, [String(format: "intervals scaled × %.2f, as measured on the 3 subjects finetuning held out", factor)])
        }
        XCTAssertEqual(spec.heldOutSpread?.description, "× 1.50, 2.00 at k = 0…1 (3 held-out subjects, 51 points)")
        XCTAssertEqual(try VariantSpec.fromJSON(spec.json()).heldOutSpread, spec.heldOutSpread)
    }

    /// Cached context summaries give the forecast an uncached encoding gives (the second call encodes only the target).
    func testEncoderCacheLeavesForecastsUnchanged() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 6)
        let study = fixtureStudy(subjects: 6)
        var target = study.subjects[0]
        target.observations = Array(target.observations.prefix(3))
        let context = Array(study.subjects.dropFirst())
        let cache = EncoderCache()
        func run(_ cache: EncoderCache?) throws -> [GaussianMixture] {
            try model.predictiveDistributions(context: context, target: target, times: [4, 9], samples: 8, seed: 2,
                                              inference: .combined, bandwidth: 0.5, cache: cache).distributions
        }
        let plain = try run(nil)
        _ = try run(cache)
        XCTAssertEqual(cache.summaries.count, 5)
        for (a, b) in zip(plain, try run(cache)) {
            for (x, y) in zip(a.means + a.sds, b.means + b.sds) { XCTAssertEqual(x, y, accuracy: 1e-5) }
        }
    }

    func testLargeStudiesCalibrateOnASeededSubsetOfPseudoTargets() throws {
        let dose = Dose(time: 0, amount: 1, route: .oral)
        let context = (0..<12).map { i in
            Subject(id: "\(i)", doses: [dose], observations: (1...5).map { Observation(time: Double($0), value: exp(0.1 * Double(i))) })
        }
        func pseudoTargets(seed: UInt64) throws -> [String] {
            var ids: [String] = []
            _ = try InStudyCalibration.measure(context: context, given: 1, output: 0, layout: FeatureLayout(outputs: 1, adapters: []),
                                               seed: seed, maximumSubjects: 5, forecast: { _, target, times, _ in
                ids.append(target.id)
                return (StudyScaling(concentration: 1, time: 1, dose: 1), times.map { _ in GaussianMixture(weights: [1], means: [0], sds: [1]) })
            })
            return ids
        }
        let first = try pseudoTargets(seed: 4)
        XCTAssertEqual(first.count, 5)
        XCTAssertEqual(Set(first).count, 5)
        XCTAssertEqual(try pseudoTargets(seed: 4), first)
    }
}

final class SupportTests: XCTestCase {
    func testRelativeConcentrationsAreTakenPerOutput() {
        let subject = Subject(id: "1", doses: [Dose(time: 0, amount: 1, route: .oral)],
                              observations: [Observation(time: 1, value: 4), Observation(time: 2, value: 1),
                                             Observation(time: 1, value: 0.5, output: 1), Observation(time: 2, value: 0.05, output: 1),
                                             Observation(time: 3, value: 0)])
        XCTAssertEqual(PriorSupport.relativeConcentrations([subject]), [1, 0.25, 1, 0.1])
    }

    func testForecastsWarnBelowThePriorsLowestConcentrations() throws {
        var spec = fixtureSpec()
        spec.support.lowestRelativeConcentration = 0.01
        let model = try AICMETModel(spec: spec, adapters: [], seed: 3)
        let study = fixtureStudy(subjects: 4)
        func warnings(lowest factor: Double) throws -> [String] {
            var context = Array(study.subjects.dropFirst())
            let peak = study.subjects.flatMap(\.observations).map(\.value).max()!
            context[0].observations.append(Observation(time: 30, value: factor * peak))
            let request = ForecastRequest(context: context, target: study.subjects[0], queryTimes: [1], seed: 1)
            return try AICMETForecaster(name: "m", model: model, samples: 4, plan: .amortized).forecast(request).warnings
        }
        let low = try warnings(lowest: 0.001)
        XCTAssertTrue(low.contains { $0.hasPrefix("observations reach 0.1 % of the study's peak") }, "\(low)")
        XCTAssertFalse(try warnings(lowest: 0.008).contains { $0.hasPrefix("observations reach") })
    }

    func testSupportOfAPriorWithAQuantificationLimitStaysAboveIt() throws {
        var config = try XCTUnwrap(BuiltinPriors.config("default"))
        try config.set("lloq_fraction", ConfigValue.parse("0.01,0.011"))
        let support = PriorSupport.measure(BuiltinPriors.prior(config: config), seed: 3, studies: 20)
        let lowest = try XCTUnwrap(support.lowestRelativeConcentration)
        XCTAssertGreaterThanOrEqual(lowest, 0.01)
        XCTAssertLessThan(lowest, 0.05)
    }
}
