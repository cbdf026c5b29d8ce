import XCTest
import PKData
@testable import PKSim

final class TimeJitterTests: XCTestCase {
    /// Samples at a dose time or before the first dose stay; the others stay within half their time since
    /// the last dose and never pass the next one.
    func testJitteredTimesRespectTheDoses() {
        var rng = SeededGenerator(seed: 3)
        let doses = [0.0, 12, 24]
        let times = [-1, 0, 0.25, 1, 6, 11.9, 12, 12.5, 23.99, 24, 30]
        for _ in 0..<200 {
            let actual = StructuralPrior.jittered(times, doseTimes: doses, sd: 2, rng: &rng)
            for (t, a) in zip(times, actual) {
                if t <= 0 || doses.contains(t) { XCTAssertEqual(a, t); continue }
                let last = doses.last { $0 <= t }!
                XCTAssertLessThanOrEqual(abs(a - t), (t - last) / 2 + 1e-12, "t = \(t)")
                if let next = doses.first(where: { $0 > t }) { XCTAssertLessThanOrEqual(a, next, "t = \(t)") }
            }
        }
    }

    /// Far from the bounds the shift is N(0, sd²).
    func testJitterHasTheStudySD() {
        var rng = SeededGenerator(seed: 5)
        let shifts = (0..<4000).map { _ in StructuralPrior.jittered([100], doseTimes: [0], sd: 0.1, rng: &rng)[0] - 100 }
        let mean = shifts.reduce(0, +) / Double(shifts.count)
        let sd = (shifts.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(shifts.count - 1)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.006)
        XCTAssertEqual(sd, 0.1, accuracy: 0.005)
    }

    /// In a study with jitter the recorded times are the design's, and the concentrations scatter around
    /// the noise-free profile in the absorption phase far more than in the terminal phase.
    func testJitterScattersAbsorptionPhaseSamples() throws {
        func study(jitterSD: Double) throws -> [Subject] {
            var c = try deterministicOralPrior(ka: 1.5, ke: 0.1)
            try c.set("time_jitter_probability", .number(1))
            try c.set("time_jitter_sd", .numbers([jitterSD, jitterSD]))
            var rng = SeededGenerator(seed: 8)
            return StructuralPrior(config: c).sampleStudy(subjects: 10, rng: &rng).subjects
        }
        let exact = try study(jitterSD: 0), jittered = try study(jitterSD: 0.15)
        var early: [Double] = [], late: [Double] = []
        for (e, j) in zip(exact, jittered) {
            XCTAssertEqual(e.observations.map { $0.time }, j.observations.map { $0.time })
            for (a, b) in zip(e.observations, j.observations) where a.value > 0 {
                let relative = abs(b.value / a.value - 1)
                if a.time < 0.6 { early.append(relative) } else if a.time > 6 { late.append(relative) }
            }
        }
        let meanEarly = early.reduce(0, +) / Double(early.count), meanLate = late.reduce(0, +) / Double(late.count)
        XCTAssertFalse(early.isEmpty || late.isEmpty)
        XCTAssertGreaterThan(meanEarly, 0.05)
        XCTAssertLessThan(meanLate, 0.02)
    }
}
