import XCTest
import Foundation
import PKData
import PKSim
@testable import AICMET

final class SelectionTests: XCTestCase {
    /// A stub forecaster whose median misses every hidden point by |bandwidth − 2| (log scale, scaling 1):
    /// the candidates score 1.5 / 1 / 0 / 2, bandwidth 2 wins, and its (zero) errors calibrate the spread.
    func testSelectionPicksTheBandwidthWhosePseudoTargetsScoreBest() throws {
        let dose = Dose(time: 0, amount: 1, route: .oral)
        let context = (0..<5).map { i in
            Subject(id: "\(i)", doses: [dose], observations: (1...4).map { Observation(time: Double($0), value: 1) })
        }
        var calls: [(bandwidth: Double, context: [String], given: Int, seed: UInt64)] = []
        let selection = try XCTUnwrap(InStudySelection.measure(
            context: context, given: 1, output: 0, layout: FeatureLayout(outputs: 1, adapters: []), seed: 3) { bandwidth, others, target, times, seed in
                calls.append((bandwidth, others.map(\.id), target.observations.count, seed))
                return (StudyScaling(concentration: 1, time: 1, dose: 1),
                        times.map { _ in GaussianMixture(weights: [1], means: [bandwidth - 2], sds: [1]) })
            })
        XCTAssertEqual(InStudySelection.bandwidths, [0.5, 1, 2, 4])
        XCTAssertEqual(selection.bandwidth, 2)
        for (score, expected) in zip(selection.scores, [1.5, 1, 0, 2]) { XCTAssertEqual(score, expected, accuracy: 1e-8) }
        XCTAssertEqual(calls.count, 20, "5 pseudo-targets × 4 candidates")
        for (n, call) in calls.enumerated() {
            let j = n % 5
            XCTAssertEqual(call.bandwidth, InStudySelection.bandwidths[n / 5])
            XCTAssertFalse(call.context.contains("\(j)"), "a pseudo-target is never its own context")
            XCTAssertEqual(call.given, 1)
            XCTAssertEqual(call.seed, calls[j].seed, "every candidate sees the same draws")
        }
        let calibration = try XCTUnwrap(selection.calibration)
        XCTAssertEqual(calibration.points, 15)
        XCTAssertEqual(calibration.scale, exp(5 / 10 * log(0.25)), accuracy: 1e-9, "errors 0: the smallest scale, shrunk")
    }

    func testSelectionNeedsThreePseudoTargets() throws {
        let dose = Dose(time: 0, amount: 1, route: .oral)
        let context = (0..<2).map { i in Subject(id: "\(i)", doses: [dose], observations: (1...4).map { Observation(time: Double($0), value: 1) }) }
        XCTAssertNil(try InStudySelection.measure(context: context, given: 1, output: 0, layout: FeatureLayout(outputs: 1, adapters: []), seed: 0) { _, _, _, times, _ in
            (StudyScaling(concentration: 1, time: 1, dose: 1), times.map { _ in GaussianMixture(weights: [1], means: [0], sds: [1]) })
        })
    }

    /// With `auto`, the forecast is exactly the calibrated forecast at the bandwidth it chose, and says which.
    func testAnAutoForecastIsTheCalibratedForecastAtTheChosenBandwidth() throws {
        let model = try AICMETModel(spec: testSpec(), adapters: [], seed: 4)
        let study = testStudy(subjects: 7)
        var target = study.subjects[0]
        target.observations = Array(target.observations.prefix(2))
        let request = ForecastRequest(context: Array(study.subjects.dropFirst()), target: target, queryTimes: [3, 5, 8, 12], seed: 9)
        let auto = try AICMETForecaster(name: "m", model: model, samples: 32, plan: try InferencePlan.parse("combined@auto+calibrated")).forecast(request)
        let note = try XCTUnwrap(auto.notes.first { $0.hasPrefix("bandwidth ") }, "\(auto.notes)")
        let chosen = try XCTUnwrap(Double(note.split(separator: " ")[1]))
        XCTAssertTrue(InStudySelection.bandwidths.contains(chosen))
        XCTAssertTrue(note.contains("chosen on the context subjects forecast from their first 2 observations"), note)
        let fixed = try AICMETForecaster(name: "m", model: model, samples: 32,
                                         plan: InferencePlan([.combined], bandwidth: chosen, calibrated: true)).forecast(request)
        XCTAssertEqual(auto.points, fixed.points)
        XCTAssertEqual(auto.notes.last, fixed.notes.last, "the same calibration")
    }

    func testAutoPlansParseAndOlderSpecsStayAsTheyWere() throws {
        let plan = try InferencePlan.parse("combined@auto+calibrated")
        XCTAssertEqual(plan, InferencePlan([.combined], bandwidth: InStudySelection.fallbackBandwidth, selectsBandwidth: true, calibrated: true))
        XCTAssertEqual(plan.description, "combined@auto+calibrated")
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        XCTAssertEqual(try JSONDecoder().decode(InferencePlan.self, from: encoder.encode(plan)), plan)
        XCTAssertEqual(String(decoding: try encoder.encode(InferencePlan([.combined], bandwidth: 0.5, calibrated: true)), as: UTF8.self),
                       #"{"bandwidth":0.5,"byGiven":["combined"],"calibrated":true}"#, "a fixed bandwidth writes what it always wrote")
        XCTAssertThrowsError(try InferencePlan.parse("combined@often")) { error in XCTAssertTrue("\(error)".contains("or auto"), "\(error)") }
    }
}
