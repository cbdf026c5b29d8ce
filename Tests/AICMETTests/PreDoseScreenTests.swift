import XCTest
import Foundation
import PKData
@testable import AICMET

/// `PreDoseScreen`: a few subjects' positive pre-dose values are withheld as spurious; a study-wide pattern is
/// kept as carry-over.
final class PreDoseScreenTests: XCTestCase {
    private let layout = FeatureLayout(outputs: 1, adapters: [])

    /// `positive` of `count` subjects read 0.5 at the dose time; every subject also has a zero pre-dose record
    /// (unquantified) and three post-dose samples.
    private func study(count: Int, positive: Int) -> [Subject] {
        (0..<count).map { i in
            Subject(id: "\(i + 1)", doses: [Dose(time: 0, amount: 100, route: .oral)],
                    observations: [Observation(time: 0, value: i < positive ? 0.5 : 0)]
                        + [1.0, 4, 12].map { Observation(time: $0, value: 10 / $0) })
        }
    }

    func testAFewPositivePreDoseValuesAreWithheld() {
        let subjects = study(count: 12, positive: 3)
        let screen = PreDoseScreen.screen(context: Array(subjects.dropFirst()), target: subjects[0], layout: layout)
        XCTAssertEqual(screen.withheld, ["1", "2", "3"])
        for subject in [screen.target] + screen.context {
            XCTAssertTrue(subject.observations.allSatisfy { $0.time > 0 || $0.value == 0 }, "\(subject.id)")
            XCTAssertEqual(subject.observations.filter { $0.time > 0 }.count, 3, "post-dose samples are never touched")
        }
        XCTAssertEqual(screen.context.map(\.id), subjects.dropFirst().map(\.id))
    }

    func testAStudyWidePatternIsKeptAsCarryOver() {
        for positive in [0, 6, 12] {
            let subjects = study(count: 12, positive: positive)
            let screen = PreDoseScreen.screen(context: Array(subjects.dropFirst()), target: subjects[0], layout: layout)
            XCTAssertEqual(screen.withheld, [], "\(positive) of 12")
            XCTAssertEqual(screen.context.map(\.observations.count), subjects.dropFirst().map(\.observations.count))
            XCTAssertEqual(screen.target.observations.count, 4)
        }
    }

    /// A sample before a later dose (a trough) is not a pre-dose value of the first dose.
    func testTroughsBeforeLaterDosesAreKept() {
        var subjects = study(count: 4, positive: 1)
        subjects[1].doses.append(Dose(time: 12, amount: 100, route: .oral))
        subjects[1].observations.append(Observation(time: 12, value: 0.8))
        let screen = PreDoseScreen.screen(context: Array(subjects.dropFirst()), target: subjects[0], layout: layout)
        XCTAssertEqual(screen.withheld, ["1"])
        XCTAssertTrue(screen.context[0].observations.contains { $0.time == 12 && $0.value == 0.8 })
    }

    /// A screened forecast is the unscreened forecast of the cleaned request, and says what it withheld.
    func testScreenedForecastsForecastTheCleanedStudy() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 3)
        let subjects = study(count: 8, positive: 2)
        var target = subjects[0]
        target.observations = Array(target.observations.prefix(2))
        let request = ForecastRequest(context: Array(subjects.dropFirst()), target: target, queryTimes: [4, 12], seed: 5)
        let screened = try AICMETForecaster(name: "m", model: model, samples: 16, plan: InferencePlan.parse("combined@0.5+screened")).forecast(request)
        let cleaned = PreDoseScreen.screen(context: request.context, target: request.target, layout: model.layout)
        let plain = try AICMETForecaster(name: "m", model: model, samples: 16, plan: InferencePlan.parse("combined@0.5"))
        let expected = try plain.forecast(ForecastRequest(context: cleaned.context, target: cleaned.target, queryTimes: [4, 12], seed: 5))
        XCTAssertEqual(screened.points.map(\.median), expected.points.map(\.median))
        XCTAssertNotEqual(try plain.forecast(request).points.map(\.median), expected.points.map(\.median))
        XCTAssertEqual(screened.notes, ["withheld the positive pre-dose samples of subject(s) 1, 2: 2 of 8 subjects read above zero "
                                        + "before their first dose (treated as spurious, not carry-over)"])
    }

    func testPlansParseTheScreenInEitherOrder() throws {
        let plan = InferencePlan([.combined, .amortized], bandwidth: 0.5, screened: true, calibrated: true)
        XCTAssertEqual(try InferencePlan.parse("combined,amortized@0.5+screened+calibrated"), plan)
        XCTAssertEqual(try InferencePlan.parse("combined,amortized@0.5+calibrated+screened"), plan)
        XCTAssertEqual(plan.description, "combined,amortized@0.5+screened+calibrated")
        XCTAssertEqual(plan.uncalibrated.description, "combined,amortized@0.5+screened")
        XCTAssertThrowsError(try InferencePlan.parse("combined+calibrate")) { XCTAssertTrue("\($0)".contains("unknown option '+calibrate'"), "\($0)") }
        let old = try JSONDecoder().decode(InferencePlan.self, from: Data(#"{"byGiven":["combined"],"bandwidth":0.5,"calibrated":true}"#.utf8))
        XCTAssertFalse(old.screened)
    }
}
