import TestData
import XCTest
import PKData
@testable import Evaluation

/// Records every request and checks the protocol's promises from inside the forecaster.
final class SpyForecaster: Forecaster {
    let name = "spy"
    let study: Study
    var requests: [ForecastRequest] = []
    var violations: [String] = []
    init(study: Study) { self.study = study }

    func forecast(_ r: ForecastRequest) throws -> Forecast {
        requests.append(r)
        if r.context.contains(where: { $0.id == r.target.id }) { violations.append("context holds target \(r.target.id)") }
        if r.context.count != study.subjects.count - 1 { violations.append("context is not every other subject") }
        let full = study.subject(id: r.target.id)!
        let t0 = full.firstDoseTime!
        let post = r.target.observations.filter { $0.time > t0 }
        let allPost = full.observations.filter { $0.time > t0 }
        if post.map(\.time) != Array(allPost.prefix(post.count)).map(\.time) { violations.append("given observations are not the first ones") }
        for q in r.queryTimes where r.target.observations.contains(where: { $0.time == q }) {
            violations.append("query time \(q) of \(r.target.id) is visible")
        }
        return Forecast(points: r.queryTimes.map { ForecastPoint(time: $0, mean: 1, median: 1, q05: 0.5, q95: 2) })
    }
}

/// Cheats: answers with the target's own observation at the query time when it can find one.
struct PeekingForecaster: Forecaster {
    let name = "peek"
    func forecast(_ r: ForecastRequest) throws -> Forecast {
        Forecast(points: r.queryTimes.map { t in
            let v = r.target.observations.first { $0.time == t }?.value ?? 1000
            return ForecastPoint(time: t, mean: v, median: v, q05: v, q95: v)
        })
    }
}

/// Forecasts a constant: metrics are hand-computable.
struct ConstantForecaster: Forecaster {
    let name: String
    let value: Double
    func forecast(_ r: ForecastRequest) throws -> Forecast {
        Forecast(points: r.queryTimes.map { ForecastPoint(time: $0, mean: value, median: value, q05: value / 2, q95: value * 2) })
    }
}

struct FailingForecaster: Forecaster {
    let name = "fail"
    func forecast(_ r: ForecastRequest) throws -> Forecast {
        if r.target.id == "2" { throw EvaluationError.noDose(forecaster: name, subject: r.target.id) }
        return try ConstantForecaster(name: name, value: 1).forecast(r)
    }
}

final class EvaluationProtocolTests: XCTestCase {
    func testForecasterNeverSeesHiddenObservations() throws {
        let study = try CSVTestLoader.load("theophylline.csv")
        let spy = SpyForecaster(study: study)
        let result = try Evaluation.run(study: study, forecasters: [spy], given: Array(0...4), seed: 7)
        XCTAssertEqual(spy.violations, [])
        XCTAssertEqual(spy.requests.count, 5 * 12)
        for r in spy.requests {
            let t0 = r.target.firstDoseTime!
            let given = r.target.observations.filter { $0.time > t0 }.count
            XCTAssertEqual(r.queryTimes.count, 10 - given) // Theoph: 10 post-dose samples per subject
        }
        XCTAssertEqual(result.rows.map(\.observations), [120, 108, 96, 84, 72])
    }

    func testCheatingForecasterIsDetected() throws {
        let study = try CSVTestLoader.load("theophylline.csv")
        // The detector works: shown a full subject, the cheat is perfect.
        let full = study.subjects[0]
        let times = full.observations.suffix(3).map(\.time)
        let exact = try PeekingForecaster().forecast(ForecastRequest(context: [], target: full, queryTimes: times))
        XCTAssertEqual(exact.points.map(\.median), full.observations.suffix(3).map(\.value))
        // Under the protocol it finds nothing: every scored point gets the 1000 fallback.
        let result = try Evaluation.run(study: study, forecasters: [PeekingForecaster()], given: [0, 2, 4])
        for row in result.rows { XCTAssertTrue(row.subjects.allSatisfy { $0.logRMSE > 3 }, "k = \(row.given)") }
        XCTAssertTrue(result.predictions.allSatisfy { $0.median == 1000 })
    }

    func testMetricsOfConstantForecasterByHand() throws {
        // Two subjects; subject a: post-dose values e, e²; subject b: e³. Forecast 1 everywhere.
        let a = Subject(id: "a", doses: [Dose(time: 0, amount: 1, route: .iv)],
                        observations: [Observation(time: 1, value: exp(1)), Observation(time: 2, value: exp(2))])
        let b = Subject(id: "b", doses: [Dose(time: 0, amount: 1, route: .iv)], observations: [Observation(time: 1, value: exp(3))])
        let result = try Evaluation.run(study: Study(name: "toy", subjects: [a, b]),
                                        forecasters: [ConstantForecaster(name: "one", value: 1)], given: [0])
        let row = try XCTUnwrap(result.row("one", given: 0))
        let la = (2.5).squareRoot(), lb = 3.0
        XCTAssertEqual(row.subjects.map(\.logRMSE), [la, lb])
        XCTAssertEqual(row.meanLogRMSE, (la + lb) / 2, accuracy: 1e-12)
        XCTAssertEqual(row.sdLogRMSE, abs(la - lb) / 2.0.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(row.pooledLogRMSE, (14.0 / 3).squareRoot(), accuracy: 1e-12)
        let e: [Double] = [exp(1.0) - 1, exp(2.0) - 1, exp(3.0) - 1]
        let sq: Double = e.map { $0 * $0 }.reduce(0, +)
        XCTAssertEqual(row.rmse, (sq / 3).squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(row.coverage, 0, accuracy: 1e-15) // every value above 2
        let scores: [Double] = e.map { (v: Double) -> Double in 1.5 + 20 * (v + 1 - 2) }
        let is_: Double = scores.reduce(0, +) / 3
        XCTAssertEqual(row.intervalScore, is_, accuracy: 1e-9)
        // k = 1 leaves b nothing to score: one target.
        let r1 = try Evaluation.run(study: Study(name: "toy", subjects: [a, b]), forecasters: [ConstantForecaster(name: "one", value: 1)], given: [1])
        XCTAssertEqual(r1.rows[0].targets, 1)
        XCTAssertEqual(r1.rows[0].subjects[0].logRMSE, 2, accuracy: 1e-12)
    }

    func testFailuresAreReportedAndExcluded() throws {
        let study = try CSVTestLoader.load("theophylline.csv")
        let result = try Evaluation.run(study: study, forecasters: [FailingForecaster()], given: [1])
        XCTAssertEqual(result.rows[0].targets, 11)
        XCTAssertEqual(result.rows[0].failures.map(\.subject), ["2"])
        XCTAssertTrue(result.rows[0].failures[0].message.contains("subject 2"))
        XCTAssertTrue(result.markdown().contains("subject 2"))
    }

    func testRowWithEveryTargetFailedStillStoresAsJSON() throws {
        struct AlwaysFails: Forecaster {
            let name = "broken"
            func forecast(_ r: ForecastRequest) throws -> Forecast { throw EvaluationError.noDose(forecaster: name, subject: r.target.id) }
        }
        let study = try CSVTestLoader.load("indomethacin.csv")
        let result = try Evaluation.run(study: study, forecasters: [AlwaysFails(), PopulationMedianForecaster()], given: [1])
        let row = try XCTUnwrap(result.row("broken", given: 1))
        XCTAssertEqual(row.targets, 0)
        XCTAssertEqual(row.failures.count, 6)
        XCTAssertTrue(row.meanLogRMSE.isNaN)
        XCTAssertTrue(result.markdownTable().contains("| broken | 1 | 0 | — ± — |"))
        let back = try EvaluationResult.fromJSON(try result.json())
        XCTAssertTrue(back.row("broken", given: 1)!.meanLogRMSE.isNaN)
        XCTAssertEqual(back.row("median", given: 1)!.meanLogRMSE, result.row("median", given: 1)!.meanLogRMSE)
    }

    func testInputErrors() throws {
        let study = try CSVTestLoader.load("theophylline.csv")
        XCTAssertThrowsError(try Evaluation.run(study: study, forecasters: []))
        XCTAssertThrowsError(try Evaluation.run(study: study, forecasters: [PopulationMedianForecaster(), PopulationMedianForecaster()]))
        XCTAssertThrowsError(try Evaluation.run(study: study, forecasters: [PopulationMedianForecaster()], given: [-1]))
    }

    func testNaiveBaselinesOnTheophAndCodableRoundTrip() throws {
        let study = try CSVTestLoader.load("theophylline.csv")
        let result = try Evaluation.run(study: study, forecasters: [PopulationMedianForecaster(), LastObservationForecaster()],
                                        given: Array(0...4), seed: 1)
        XCTAssertEqual(result.rows.count, 10)
        for r in result.rows {
            XCTAssertEqual(r.targets, 12); XCTAssertEqual(r.failures, [])
            XCTAssertTrue(r.meanLogRMSE > 0.05 && r.meanLogRMSE < 2, "\(r.forecaster) k=\(r.given): \(r.meanLogRMSE)")
            XCTAssertTrue(r.coverage >= 0 && r.coverage <= 1)
        }
        // At k = 0 LOCF is the population median.
        XCTAssertEqual(result.row("locf", given: 0)!.meanLogRMSE, result.row("median", given: 0)!.meanLogRMSE, accuracy: 1e-12)
        let data = try JSONEncoder().encode(result)
        let back = try JSONDecoder().decode(EvaluationResult.self, from: data)
        XCTAssertEqual(back.rows.map(\.meanLogRMSE), result.rows.map(\.meanLogRMSE))
        XCTAssertEqual(back.predictions, result.predictions)
        let table = result.markdownTable()
        XCTAssertEqual(table.split(separator: "\n").count, 12)
        XCTAssertTrue(table.contains("| median | 0 | 12 |"))
        print(result.markdown())
    }
}
