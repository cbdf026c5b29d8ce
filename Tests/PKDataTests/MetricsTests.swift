import XCTest
@testable import PKData

final class MetricsTests: XCTestCase {
    func testLogRMSEHandComputed() throws {
        // log(2) and log(1/2) errors on two points: sqrt((ln2² + ln2²)/2) = ln 2.
        let v = try Metrics.logRMSE(predicted: [2, 1], observed: [1, 2])
        XCTAssertEqual(v, log(2.0), accuracy: 1e-12)
        XCTAssertEqual(try Metrics.logRMSE(predicted: [3, 4], observed: [3, 4]), 0, accuracy: 1e-15)
        // One point off by e: sqrt(1/3).
        XCTAssertEqual(try Metrics.logRMSE(predicted: [exp(1), 1, 1], observed: [1, 1, 1]), (1.0 / 3).squareRoot(), accuracy: 1e-12)
    }

    func testLogRMSERejectsNonPositive() {
        XCTAssertThrowsError(try Metrics.logRMSE(predicted: [1, 0], observed: [1, 1])) { e in
            XCTAssertEqual(e as? MetricsError, .nonPositive(metric: "logRMSE", index: 1, predicted: 0, observed: 1))
        }
        XCTAssertThrowsError(try Metrics.logRMSE(predicted: [1], observed: [1, 2]))
        XCTAssertThrowsError(try Metrics.rmse(predicted: [], observed: []))
    }

    func testRMSEHandComputed() throws {
        // errors 3 and -4 → sqrt((9 + 16)/2)
        XCTAssertEqual(try Metrics.rmse(predicted: [4, 0], observed: [1, 4]), (12.5).squareRoot(), accuracy: 1e-12)
    }

    func testCoverageCountsClosedInterval() throws {
        let c = try Metrics.coverage(lower: [0, 1, 2, 3], upper: [1, 2, 3, 4], observed: [1, 0.5, 2.5, 4.5])
        XCTAssertEqual(c, 0.5, accuracy: 1e-15) // 1 on the bound (inside), 0.5 below, 2.5 inside, 4.5 above
    }

    func testIntervalScoreHandComputed() throws {
        // y inside: width only; y below by 1: width 2 + 20·1; y above by 0.5: width 1 + 20·0.5.
        let s = try Metrics.intervalScore(lower: [0, 1, 0], upper: [2, 3, 1], observed: [1, 0, 1.5], alpha: 0.1)
        let expected: Double = 2 + 22 + 11
        XCTAssertEqual(s, expected / 3, accuracy: 1e-12)
        XCTAssertThrowsError(try Metrics.intervalScore(lower: [0], upper: [1], observed: [0.5], alpha: 0))
    }

    func testMeanSDAndQuantile() {
        let (m, s) = Metrics.meanAndSD([1, 2, 3, 4])
        XCTAssertEqual(m, 2.5, accuracy: 1e-15)
        XCTAssertEqual(s, (5.0 / 3).squareRoot(), accuracy: 1e-12) // R: sd(1:4) = 1.290994
        XCTAssertEqual(Metrics.meanAndSD([7]).sd, 0)
        // R: quantile(c(1,2,3,4,10), c(.05,.5,.95)) = 1.2, 3, 8.8
        XCTAssertEqual(Metrics.quantile([10, 1, 3, 2, 4], 0.05), 1.2, accuracy: 1e-12)
        XCTAssertEqual(Metrics.quantile([10, 1, 3, 2, 4], 0.5), 3, accuracy: 1e-12)
        XCTAssertEqual(Metrics.quantile([10, 1, 3, 2, 4], 0.95), 8.8, accuracy: 1e-12)
    }
}
