import XCTest
import Foundation
import PKData
@testable import AICMET

final class TrustSelectionTests: XCTestCase {
    private let layout = FeatureLayout(outputs: 1, adapters: [])
    private let unit = StudyScaling(concentration: 1, time: 1, dose: 1)

    /// `count` context subjects, each with one given point and hidden points of value 1 (log 0) at t = 1, 2, 3.
    private func flatStudy(_ count: Int) -> [Subject] {
        (0..<count).map { i in
            Subject(id: "\(i)", doses: [Dose(time: 0, amount: 1, route: .oral)],
                    observations: [Observation(time: 0.5, value: 3)] + (1...3).map { Observation(time: Double($0), value: 1) })
        }
    }

    /// A stub whose predictive median (log scale) is `median(w, pseudoTarget)` at every hidden time.
    private func choose(_ context: [Subject], median: @escaping (Double, Subject) -> Double) throws -> TrustSelection? {
        try TrustSelection.choose(context: context, given: 1, output: 0, layout: layout, seed: 5) { w, _, target, times, _ in
            (unit, times.map { _ in GaussianMixture(weights: [1], means: [median(w, target)], sds: [0.3]) })
        }
    }

    /// The given point pulls the median to log 3 in proportion to the weight; the hidden values sit at log 1 = 0,
    /// so ignoring the given point (w = 0) scores best on every pseudo-target, and the errors are exact.
    func testAWeightThatHelpsEveryPseudoTargetIsChosen() throws {
        let selection = try XCTUnwrap(choose(flatStudy(6)) { w, _ in w * log(3) })
        XCTAssertEqual(selection.weight, 0)
        XCTAssertEqual(selection.subjects, 6)
        for (w, error) in zip(TrustSelection.weights, selection.errors) { XCTAssertEqual(error, w * log(3), accuracy: 1e-9) }
        XCTAssertEqual(selection.heldOut.count, 6)
        XCTAssertTrue(selection.heldOut.joined().allSatisfy { abs($0.distribution.quantile(0.5)) < 1e-6 }, "the chosen weight's own forecasts")
    }

    /// A lower weight that helps half the pseudo-targets a little more than it harms the others has no
    /// advantage once its standard error counts: the plan's own draws stay.
    func testANoisyAdvantageKeepsThePlansOwnDraws() throws {
        let selection = try XCTUnwrap(choose(flatStudy(8)) { w, target in
            let helped = Int(target.id)! % 2 == 0
            return w == 1 ? 0.3 : (helped ? 0.22 : 0.36)            // mean advantage 0.01, its SE 0.026
        })
        XCTAssertEqual(selection.weight, 1)
        XCTAssertEqual(selection.errors[0], 0.3, accuracy: 1e-9)
    }

    func testTooFewPseudoTargetsSelectNothing() throws {
        XCTAssertNil(try choose(flatStudy(2)) { w, _ in w })
    }

    /// Every candidate forecasts each pseudo-target from the other subjects with the same seed, and the
    /// pseudo-target sees only its first observation.
    func testCandidatesShareSeedsAndSeeOnlyTheGivenPoints() throws {
        var calls: [Double: [(String, UInt64, Int, Int)]] = [:]
        _ = try TrustSelection.choose(context: flatStudy(4), given: 1, output: 0, layout: layout, seed: 2) { w, others, target, times, seed in
            calls[w, default: []].append((target.id, seed, others.count, target.observations.count))
            return (unit, times.map { _ in GaussianMixture(weights: [1], means: [0], sds: [1]) })
        }
        XCTAssertEqual(Set(calls.keys), Set(TrustSelection.weights))
        for w in TrustSelection.weights {
            XCTAssertEqual(calls[w]!.map(\.0), calls[1]!.map(\.0))
            XCTAssertEqual(calls[w]!.map(\.1), calls[1]!.map(\.1))
            XCTAssertTrue(calls[w]!.allSatisfy { $0.2 == 3 && $0.3 == 1 })
        }
    }

    /// On a real (untrained) model: the forecast is the chosen weight's, its note names the weight, and
    /// calibration reuses the chosen weight's pseudo-target forecasts (it equals calibrating at that trust).
    func testASelectedForecastUsesTheChosenTrustAndCalibratesOnIt() throws {
        let (model, request) = try twoGivenRequest()
        let target = request.target
        let plan = try InferencePlan.parse("combined,amortized@0.5+selected+calibrated")
        let forecaster = AICMETForecaster(name: "m", model: model, samples: 32, plan: plan)
        let selection = try XCTUnwrap(forecaster.selectTrust(context: request.context, target: target, output: 0, seed: 9, cache: nil))
        let forecast = try forecaster.forecast(request)
        XCTAssertTrue(forecast.notes[0].hasPrefix("trust in the 2 given observation(s) chosen on 6 context subjects"), forecast.notes[0])
        XCTAssertTrue(forecast.notes[0].contains("likelihood weight \(selection.weight)"), forecast.notes[0])

        let (_, raw) = try forecaster.predictive(context: request.context, target: target, times: request.queryTimes, output: 0,
                                                 samples: 32, seed: 9, cache: nil, trust: selection.weight)
        let calibration = try XCTUnwrap(InStudyCalibration.measure(context: request.context, given: 2, output: 0, layout: model.layout, seed: 9) {
            try forecaster.predictive(context: $0, target: $1, times: $2, output: 0, samples: InStudyCalibration.samples, seed: $3,
                                      cache: nil, trust: selection.weight)
        })
        XCTAssertEqual(InStudyCalibration(heldOut: selection.heldOut), calibration)
        for (point, mixture) in zip(forecast.points, raw) {
            XCTAssertEqual(log(point.median), mixture.quantile(0.5) + log(try StudyScaling.from(context: request.context, fallback: [target]).concentration),
                           accuracy: 1e-5)
            XCTAssertEqual(log(point.q95 / point.median), calibration.scale * (mixture.quantile(0.95) - mixture.quantile(0.5)), accuracy: 1e-4)
        }
    }

    /// Trust 0 forecasts as if nothing were given: the same as the target without its observations.
    func testZeroTrustIgnoresTheGivenPoints() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 4)
        let study = fixtureStudy(subjects: 5)
        var target = study.subjects[0]
        target.observations = Array(target.observations.prefix(2))
        var bare = target
        bare.observations = []
        let forecaster = AICMETForecaster(name: "m", model: model, samples: 16, plan: try InferencePlan.parse("combined,amortized@0.5"))
        let context = Array(study.subjects.dropFirst())
        let ignored = try forecaster.predictive(context: context, target: target, times: [4, 9], output: 0, samples: 16, seed: 3, cache: nil, trust: 0)
        let nothing = try forecaster.predictive(context: context, target: bare, times: [4, 9], output: 0, samples: 16, seed: 3, cache: nil)
        let trusted = try forecaster.predictive(context: context, target: target, times: [4, 9], output: 0, samples: 16, seed: 3, cache: nil)
        for j in 0..<2 {
            XCTAssertEqual(ignored.distributions[j].quantile(0.5), nothing.distributions[j].quantile(0.5), accuracy: 1e-9)
            XCTAssertNotEqual(ignored.distributions[j].quantile(0.5), trusted.distributions[j].quantile(0.5), accuracy: 1e-6)
        }
    }

    func testSelectedPlansParseAndPrint() throws {
        let plan = try InferencePlan.parse("combined,amortized@0.5+selected+calibrated")
        XCTAssertEqual(plan, InferencePlan([.combined, .amortized], bandwidth: 0.5, selected: true, calibrated: true))
        XCTAssertEqual(plan.description, "combined,amortized@0.5+selected+calibrated")
        XCTAssertEqual(plan.uncalibrated.description, "combined,amortized@0.5+selected")
        XCTAssertEqual(try InferencePlan.parse(plan.description), plan)
        let old = try JSONDecoder().decode(InferencePlan.self, from: Data(#"{"byGiven":["combined"],"bandwidth":0.5,"calibrated":true}"#.utf8))
        XCTAssertFalse(old.selected)
    }
}
