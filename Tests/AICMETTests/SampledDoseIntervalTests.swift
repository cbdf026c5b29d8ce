import XCTest
import PKData
import PKSim
@testable import AICMET

/// The support field `maxSampledDoseIntervals` and the warning for subjects sampled after more doses than that.
final class SampledDoseIntervalTests: XCTestCase {
    /// Doses at 0, 12, 24: a pre-dose sample, a trough at 12 and a sample before the first dose do not count;
    /// 1 and 11.5 lie after the first dose, 25 after the third.
    func testSampledDoseIntervalsCountsIntervalsWithASampleInside() {
        let doses = [0.0, 12, 24].map { Dose(time: $0, amount: 100, route: .oral) }
        func intervals(_ times: [Double]) -> Int {
            PriorSupport.sampledDoseIntervals(Subject(id: "1", doses: doses, observations: times.map { Observation(time: $0, value: 1) }))
        }
        XCTAssertEqual(intervals([-1, 0, 12, 24]), 0)
        XCTAssertEqual(intervals([1, 11.5, 12]), 1)
        XCTAssertEqual(intervals([0, 1, 11.5, 12, 25]), 2)
        XCTAssertEqual(intervals([1, 13, 30]), 3)
    }

    /// The shipped prior samples each subject after one dose; with `first_and_last_dose_probability` after two.
    func testMeasuredSupportReadsThePriorsSamplingDesign() throws {
        var config = try XCTUnwrap(BuiltinPriors.config("default"))
        try config.set("multiple_dose_probability", .number(1))
        XCTAssertEqual(PriorSupport.measure(BuiltinPriors.prior(config: config), seed: 3, studies: 20).maxSampledDoseIntervals, 1)
        try config.set("first_and_last_dose_probability", .number(1))
        try config.set("sparse_probability", .number(0))
        XCTAssertEqual(PriorSupport.measure(BuiltinPriors.prior(config: config), seed: 3, studies: 20).maxSampledDoseIntervals, 2)
    }

    /// A target sampled after the first and the third dose draws one warning naming it; the same target
    /// sampled after the third dose only draws none.
    func testForecastsWarnWhenASubjectIsSampledAfterMoreDosesThanThePriorWas() throws {
        var spec = fixtureSpec()
        spec.support.maxDoses = 3
        spec.support.maxSampledDoseIntervals = 1
        let model = try AICMETModel(spec: spec, adapters: [], seed: 3)
        let study = fixtureStudy(subjects: 4)
        func warnings(targetTimes: [Double]) throws -> [String] {
            let target = Subject(id: "T", doses: [0.0, 12, 24].map { Dose(time: $0, amount: 1, route: .oral) },
                                 observations: targetTimes.map { Observation(time: $0, value: 0.5) })
            let request = ForecastRequest(context: study.subjects, target: target, queryTimes: [30], seed: 1)
            return try AICMETForecaster(name: "m", model: model, samples: 4, plan: .amortized).forecast(request).warnings
        }
        let across = try warnings(targetTimes: [2, 26])
        XCTAssertEqual(across.filter { $0.hasPrefix("1 of 5 subjects (T) have samples after more than 1 of their doses") }.count, 1, "\(across)")
        XCTAssertFalse(try warnings(targetTimes: [12, 24, 26]).contains { $0.contains("of their doses") })
    }
}
