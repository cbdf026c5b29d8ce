import XCTest
@testable import PKData

final class NCATests: XCTestCase {
    func testExactMonoExponentialIVBolus() {
        // C = 10·exp(−0.2 t), dose 100: λz = 0.2, AUCinf = 10/0.2 = 50, CL = 2; log-down trapezoids are exact here.
        let times = [0.5, 1, 2, 4, 6, 8, 12, 24]
        let s = Subject(id: "x", doses: [Dose(time: 0, amount: 100, route: .iv)],
                        observations: times.map { Observation(time: $0, value: 10 * exp(-0.2 * $0)) })
        let r = NCA.analyze(subject: s)
        XCTAssertEqual(r.cmax!, 10 * exp(-0.1), accuracy: 1e-12)
        XCTAssertEqual(r.tmax, 0.5)
        XCTAssertEqual(r.lambdaZ!, 0.2, accuracy: 1e-12)
        XCTAssertEqual(r.lambdaZTimes, [1, 2, 4, 6, 8, 12, 24])
        XCTAssertEqual(r.lambdaZR2!, 1, accuracy: 1e-12)
        XCTAssertEqual(r.halfLife!, log(2) / 0.2, accuracy: 1e-10)
        XCTAssertEqual(r.auclast!, 50 * (1 - exp(-4.8)), accuracy: 1e-9)
        XCTAssertEqual(r.aucinf!, 50, accuracy: 1e-9)
        XCTAssertEqual(r.clearance!, 2, accuracy: 1e-10)
        XCTAssertEqual(r.clearanceLabel, "CL")
        XCTAssertTrue(r.notes.contains("IV bolus: C0 back-extrapolated to 10"))
    }

    func testHandComputedOralProfile() {
        // Pre-dose sample at t = 0 (row before the dose row), then 4, 6, 3, 1.5, 0.75 at 1, 2, 4, 8, 12 h.
        // AUClast by hand: 0→1 linear 2; 1→2 linear 5; 2→4, 4→8 log-down 3·2/ln2 and 1.5·4/ln2; 8→12 0.75·4/ln2.
        let obs = [Observation(time: 0, value: 0.3, row: 2)] + zip([1.0, 2, 4, 8, 12], [4.0, 6, 3, 1.5, 0.75]).enumerated().map {
            Observation(time: $0.element.0, value: $0.element.1, row: $0.offset + 4)
        }
        let s = Subject(id: "7", doses: [Dose(time: 0, amount: 320, route: .oral, row: 3)], observations: obs)
        let r = NCA.analyze(subject: s)
        let auclast = 2 + 5 + 6 / log(2.0) + 6 / log(2.0) + 3 / log(2.0)
        XCTAssertEqual(r.samples, 5)
        XCTAssertEqual(r.cmax, 6); XCTAssertEqual(r.tmax, 2)
        XCTAssertEqual(r.auclast!, auclast, accuracy: 1e-12)
        XCTAssertEqual(r.lambdaZ!, log(2) / 4, accuracy: 1e-12)
        XCTAssertEqual(r.lambdaZTimes, [4, 8, 12])
        XCTAssertEqual(r.halfLife!, 4, accuracy: 1e-12)
        XCTAssertEqual(r.aucinf!, auclast + 0.75 / (log(2) / 4), accuracy: 1e-12)
        XCTAssertEqual(r.clearance!, 320 / r.aucinf!, accuracy: 1e-12)
        XCTAssertEqual(r.clearanceLabel, "CL/F")
        XCTAssertEqual(r.notes.first, "1 pre-dose sample(s) excluded from the post-dose AUC (C = 0.3)")
    }

    func testOralBatemanProfileMatchesClosedForm() {
        // C(t) = D·ka/(V(ka−k))·(e^{−kt} − e^{−ka t}); AUCinf = D/(V k) = 100/(10·0.1) = 100. Dense sampling
        // keeps the trapezoid error under 1 %; the terminal slope approaches k = 0.1.
        let (d, v, ka, k) = (100.0, 10.0, 1.5, 0.1)
        let times: [Double] = [0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 36, 48]
        let s = Subject(id: "b", doses: [Dose(time: 0, amount: d, route: .oral)], observations: times.map {
            Observation(time: $0, value: d * ka / (v * (ka - k)) * (exp(-k * $0) - exp(-ka * $0)))
        })
        let r = NCA.analyze(subject: s)
        XCTAssertEqual(r.lambdaZ!, k, accuracy: 1e-3)
        XCTAssertEqual(r.aucinf!, 100, accuracy: 1.0)
        XCTAssertEqual(r.clearance!, v * k, accuracy: 0.01)
        XCTAssertEqual(r.tmax, 2)  // analytic Tmax = ln(ka/k)/(ka−k) = 1.93 h; nearest sample 2 h
    }

    func testTheophyllineValuesArePlausible() throws {
        let imp = try NONMEMReader.read(text: Fixtures.theophylline, fileName: "theophylline.csv")
        let results = NCA.analyze(study: imp.study)
        XCTAssertEqual(results.count, 12)
        for r in results {
            XCTAssertTrue((3...12).contains(r.cmax!), "ID \(r.subjectID) Cmax \(r.cmax!)")
            XCTAssertTrue((0.5...4).contains(r.tmax!), "ID \(r.subjectID) Tmax \(r.tmax!)")
            XCTAssertNotNil(r.aucinf); XCTAssertNotNil(r.clearance)
            XCTAssertTrue((4...15).contains(r.halfLife!), "ID \(r.subjectID) t½ \(r.halfLife!)")
        }
        let s1 = results[0]
        XCTAssertEqual(s1.cmax, 10.5); XCTAssertEqual(s1.tmax, 1.12)
        XCTAssertEqual(s1.samples, 10)
        XCTAssertTrue(s1.notes[0].hasPrefix("1 pre-dose sample(s) excluded"))
        let summary = NCASummary(results: results)
        let cmax = try XCTUnwrap(summary.metric("Cmax"))
        XCTAssertEqual(cmax.n, 12)
        XCTAssertTrue((5...10).contains(cmax.geometricMean!))
        XCTAssertTrue((5...40).contains(cmax.geometricCV!))
    }

    func testIndomethacinIVValues() throws {
        let imp = try NONMEMReader.read(text: Fixtures.indomethacin, fileName: "indomethacin.csv")
        for r in NCA.analyze(study: imp.study) {
            XCTAssertEqual(r.tmax, 0.25)
            XCTAssertEqual(r.clearanceLabel, "CL")
            XCTAssertNotNil(r.clearance)
            XCTAssertTrue(r.lambdaZTimes.count >= 3)
        }
    }

    func testMultipleDosesAndCensoring() {
        let s = Subject(id: "m", doses: [Dose(time: 0, amount: 100, route: .oral), Dose(time: 12, amount: 100, route: .oral)],
                        observations: [Observation(time: 0.5, value: 0.1, censored: true), Observation(time: 1, value: 5),
                                       Observation(time: 2, value: 8), Observation(time: 4, value: 6), Observation(time: 6, value: 4),
                                       Observation(time: 8, value: 0.1, censored: true), Observation(time: 10, value: 2),
                                       Observation(time: 13, value: 9)])
        let r = NCA.analyze(subject: s)
        XCTAssertEqual(r.samples, 6)  // 0.5 (as 0), 1, 2, 4, 6, 10
        XCTAssertEqual(r.cmax, 8)
        XCTAssertNil(r.aucinf); XCTAssertNil(r.clearance)
        XCTAssertNotNil(r.lambdaZ)
        XCTAssertTrue(r.notes.contains("1 BLQ sample(s) after the first quantified one excluded"))
        XCTAssertTrue(r.notes.contains { $0.hasPrefix("2 doses: samples after the second dose not used") })
    }

    func testMetaboliteOutputHasNoClearance() {
        let s = Subject(id: "m", doses: [Dose(time: 0, amount: 100, route: .iv)],
                        observations: [1.0, 2, 4, 8].map { Observation(time: $0, value: 5 * exp(-0.3 * $0), output: 1) })
        let r = NCA.analyze(subject: s, output: 1)
        XCTAssertNotNil(r.aucinf)
        XCTAssertNil(r.clearance)
        XCTAssertTrue(r.notes.contains("output 1 is not the dosed drug: CL not computed"))
        XCTAssertNil(NCA.analyze(subject: s, output: 0).cmax, "no parent samples")
    }

    func testNoDoseAndSummaryStatistics() {
        XCTAssertEqual(NCA.analyze(subject: Subject(id: "z", observations: [Observation(time: 1, value: 1)])).notes, ["no dose: NCA needs a dose"])
        var a = NCAResult(subjectID: "a", output: 0); a.cmax = 1
        var b = NCAResult(subjectID: "b", output: 0); b.cmax = 4
        let m = NCASummary(results: [a, b, NCAResult(subjectID: "c", output: 0)]).metric("Cmax")!
        XCTAssertEqual(m.n, 2)
        XCTAssertEqual(m.geometricMean!, 2, accuracy: 1e-12)
        let s2 = pow(log(4.0) - log(1.0), 2) / 2  // variance of logs, n − 1 = 1
        XCTAssertEqual(m.geometricCV!, 100 * (exp(s2) - 1).squareRoot(), accuracy: 1e-9)
        XCTAssertEqual(m.median, 2.5)
    }
}
