import XCTest
import PKData
@testable import Evaluation

final class NaiveForecasterTests: XCTestCase {
    /// Subject with an IV dose at 0 and observations exp(-t)·scale at the given times.
    func subject(_ id: String, scale: Double, times: [Double], dose: Double = 100) -> Subject {
        Subject(id: id, doses: [Dose(time: 0, amount: dose, route: .iv)],
                observations: times.map { Observation(time: $0, value: scale * exp(-$0)) })
    }

    func testPopulationMedianInterpolatesInLogSpace() throws {
        let ctx = [subject("a", scale: 1, times: [1, 3]), subject("b", scale: 2, times: [1, 3]), subject("c", scale: 4, times: [1, 3])]
        let target = Subject(id: "t", doses: [Dose(time: 10, amount: 100, route: .iv)])
        let f = try PopulationMedianForecaster().forecast(ForecastRequest(context: ctx, target: target, queryTimes: [12, 20]))
        // log-linear interpolation reproduces exp(-2) exactly; the median subject has scale 2.
        XCTAssertEqual(f.points[0].median, 2 * exp(-2), accuracy: 1e-12)
        XCTAssertEqual(f.points[0].mean, 7.0 / 3 * exp(-2), accuracy: 1e-12)
        XCTAssertEqual(f.points[0].q05, (1 + 0.1) * exp(-2), accuracy: 1e-12) // type 7: 1 + 0.1·(2 − 1)
        XCTAssertEqual(f.points[0].q95, (2 + 0.9 * 2) * exp(-2), accuracy: 1e-12)
        // Beyond the last observation: constant at the last value (t = 3).
        XCTAssertEqual(f.points[1].median, 2 * exp(-3), accuracy: 1e-12)
    }

    func testPopulationMedianIsDoseNormalised() throws {
        let ctx = [subject("a", scale: 1, times: [1, 2], dose: 50), subject("b", scale: 1, times: [1, 2], dose: 50)]
        let target = Subject(id: "t", doses: [Dose(time: 0, amount: 100, route: .iv)])
        let f = try PopulationMedianForecaster().forecast(ForecastRequest(context: ctx, target: target, queryTimes: [1]))
        XCTAssertEqual(f.points[0].median, 2 * exp(-1), accuracy: 1e-12)
        let raw = try PopulationMedianForecaster(doseNormalised: false).forecast(ForecastRequest(context: ctx, target: target, queryTimes: [1]))
        XCTAssertEqual(raw.points[0].median, exp(-1), accuracy: 1e-12)
    }

    func testLOCFCarriesLastGivenObservationWithContextResidualInterval() throws {
        let ctx = [subject("a", scale: 1, times: [1, 2, 3]), subject("b", scale: 1, times: [1, 2])]
        var target = subject("t", scale: 3, times: [1, 2])
        target.observations.insert(Observation(time: 0, value: 9), at: 0) // pre-dose: never carried forward
        let f = try LastObservationForecaster().forecast(ForecastRequest(context: ctx, target: target, queryTimes: [5, 6]))
        XCTAssertEqual(f.points.map(\.median), [3 * exp(-2), 3 * exp(-2)])
        // Residuals log y_l − log y_j: a: −1, −2, −1; b: −1 → sorted [−2, −1, −1, −1]; q05 = −2 + 0.15·1, q95 = −1.
        XCTAssertEqual(f.points[0].q05, 3 * exp(-2) * exp(-1.85), accuracy: 1e-12)
        XCTAssertEqual(f.points[0].q95, 3 * exp(-2) * exp(-1), accuracy: 1e-12)
        XCTAssertTrue(f.warnings.isEmpty)
    }

    func testLOCFFallsBackToMedianWithoutGivenObservations() throws {
        let ctx = [subject("a", scale: 1, times: [1, 2]), subject("b", scale: 3, times: [1, 2]), subject("c", scale: 2, times: [1, 2])]
        let target = Subject(id: "t", doses: [Dose(time: 0, amount: 100, route: .iv)], observations: [Observation(time: 0, value: 5)])
        let f = try LastObservationForecaster().forecast(ForecastRequest(context: ctx, target: target, queryTimes: [1]))
        XCTAssertEqual(f.points[0].median, 2 * exp(-1), accuracy: 1e-12)
        XCTAssertEqual(f.warnings.count, 1)
    }
}
