import XCTest
import PKData
@testable import PKSim

final class CombinedErrorTests: XCTestCase {
    /// A one-compartment oral study without variability, lags, LLOQ or proportional error; every study has
    /// combined error with an additive SD of `additive` (+ < 1e-9) × the subject's peak; studies with different
    /// `additive` share their random stream.
    private func study(additive: Double, subjects: Int = 20, seed: UInt64 = 4) throws -> [Subject] {
        var c = try deterministicOralPrior(ka: 1.5, ke: 0.3)
        try c.set("additive_error_probability", .number(1))
        try c.set("additive_fraction", .numbers([additive, additive + 1e-9]))   // a range, so every fraction costs one draw
        var rng = SeededGenerator(seed: seed)
        return StructuralPrior(config: c).sampleStudy(subjects: subjects, rng: &rng).subjects
    }

    /// An additive SD is the same in absolute terms everywhere, so low concentrations (early absorption,
    /// late terminal phase) are the least precise: the relative error near the peak is ≈ the fraction, below
    /// a fifth of the peak more than four times that.
    func testLowConcentrationsAreTheLeastPrecise() throws {
        let exact = try study(additive: 0), noisy = try study(additive: 0.03)
        var nearPeak: [Double] = [], low: [Double] = []
        for (e, n) in zip(exact, noisy) {
            let peak = e.observations.map(\.value).max()!
            let noisyAt = Dictionary(n.observations.map { ($0.time, $0.value) }, uniquingKeysWith: { a, _ in a })
            for o in e.observations {
                guard let y = noisyAt[o.time] else { continue }
                let relative = (y - o.value) / o.value
                if o.value > 0.7 * peak { nearPeak.append(relative) } else if o.value < 0.2 * peak { low.append(relative) }
            }
        }
        func rms(_ x: [Double]) -> Double { (x.map { $0 * $0 }.reduce(0, +) / Double(x.count)).squareRoot() }
        XCTAssertGreaterThan(nearPeak.count, 30); XCTAssertGreaterThan(low.count, 30)
        XCTAssertEqual(rms(nearPeak), 0.03 / 0.85, accuracy: 0.015)
        XCTAssertGreaterThan(rms(low), 4 * rms(nearPeak))
    }

    /// Measurements ≤ 0 are not reported; the study is kept (not rejected) and keeps its design's times.
    func testNonPositiveMeasurementsAreCensored() throws {
        let exact = try study(additive: 0), noisy = try study(additive: 0.3)
        var censored = 0
        for (e, n) in zip(exact, noisy) {
            XCTAssertTrue(n.observations.allSatisfy { $0.value > 0 })
            XCTAssertTrue(Set(n.observations.map(\.time)).isSubset(of: Set(e.observations.map(\.time))))
            censored += e.observations.count - n.observations.count
        }
        XCTAssertGreaterThan(censored, 0)
    }

    /// Only proportional-noise priors switch to combined error: a log-normal prior ignores the probability.
    func testOnlyProportionalStudiesSwitch() throws {
        var lognormal = BuiltinPriors.oneCompartment
        try lognormal.set("noise", .text("lognormal"))
        var with = lognormal
        try with.set("additive_error_probability", .number(1))
        try with.set("additive_fraction", .numbers([0.2, 0.4]))
        var a = SeededGenerator(seed: 2), b = SeededGenerator(seed: 2)
        let x = StructuralPrior(config: lognormal).sampleStudy(subjects: 4, rng: &a)
        let y = StructuralPrior(config: with).sampleStudy(subjects: 4, rng: &b)
        XCTAssertEqual(x.subjects.map { $0.observations.map(\.value) }, y.subjects.map { $0.observations.map(\.value) })
    }
}
