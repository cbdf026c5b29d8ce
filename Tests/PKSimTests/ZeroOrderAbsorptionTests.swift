import XCTest
import PKData
@testable import PKSim

/// Sequential zero-/first-order absorption (`PKParameters.absorptionDuration`, NONMEM's D1 into the depot)
/// in the simulators and the prior.
final class ZeroOrderAbsorptionTests: XCTestCase {
    /// A subject's D1 turns an oral bolus into the zero-order gut input of the same duration; an oral dose that
    /// records its own duration keeps it; IV doses are untouched.
    func testAbsorptionDurationIsAZeroOrderReleaseIntoTheGut() {
        for base in [oneCmt, twoCmt] {
            var p = base
            p.absorptionDuration = 1.2
            let single = [Dose(time: 1, amount: 60, route: .oral)]
            let released = [Dose(time: 1, amount: 60, route: .oral, duration: 1.2)]
            XCTAssertEqual(ClosedForm.concentrations(p, doses: single, times: grid),
                           ClosedForm.concentrations(base, doses: released, times: grid))
            let ownDuration = [Dose(time: 1, amount: 60, route: .oral, duration: 3)]
            XCTAssertEqual(ClosedForm.concentrations(p, doses: ownDuration, times: grid),
                           ClosedForm.concentrations(base, doses: ownDuration, times: grid))
            let iv = [Dose(time: 0, amount: 50, route: .iv), Dose(time: 6, amount: 50, route: .iv, duration: 2)]
            XCTAssertEqual(Simulator.concentrations(p, doses: iv, times: grid)[0], Simulator.concentrations(base, doses: iv, times: grid)[0])
        }
    }

    /// The exact propagator and RK45 agree with the closed form for single and multiple oral doses under D1.
    func testPropagatorAndRK45MatchTheClosedFormUnderD1() {
        let regimens = [[Dose(time: 0, amount: 100, route: .oral)],
                        (0..<4).map { Dose(time: Double($0) * 8, amount: $0 == 0 ? 200 : 100, route: .oral) }]
        for base in [oneCmt, twoCmt] {
            var p = base
            p.absorptionDuration = 2.5
            for doses in regimens {
                let reference = ClosedForm.concentrations(p, doses: doses, times: grid)
                let exact = Simulator.concentrations(p, doses: doses, times: grid)[0]
                let rk = RK45Simulator.concentrations(path: ParameterPath(constant: p),
                                                      inputs: InputEvent.events(for: doses, parameters: p), times: grid)[0]
                XCTAssertLessThan(maxRelativeError(exact, reference), 1e-9, "propagator, P=\(p.peripheralCount)")
                XCTAssertLessThan(maxRelativeError(rk, reference), 1e-6, "RK45, P=\(p.peripheralCount)")
            }
        }
    }

    /// With zero_order_absorption_probability 1 every subject of an oral study releases its dose over D1: its
    /// profile is the D1-free one times the closed-form ratio (volume and dose cancel). With probability 0 (the
    /// default) the other keys draw nothing, so a prior's study stream is unchanged.
    func testThePriorReleasesOralDosesOverD1AndDrawsNothingWhenOff() throws {
        let plain = try deterministicOralPrior(ka: 2, ke: 0.1)
        var released = plain
        try released.set("zero_order_absorption_probability", .number(1))
        try released.set("absorption_duration", .numbers([1.5, 1.5]))
        try released.set("absorption_duration_between_subject_sd", .numbers([0, 0]))
        var a = SeededGenerator(seed: 3), b = SeededGenerator(seed: 3)
        let withD1 = StructuralPrior(config: released).sampleStudy(subjects: 4, rng: &a)
        let without = StructuralPrior(config: plain).sampleStudy(subjects: 4, rng: &b)
        let unit = PKParameters(ka: 2, ke: 0.1, v: 1)
        var unitD1 = unit
        unitD1.absorptionDuration = 1.5
        let dose = [Dose(time: 0, amount: 1, route: .oral)]
        for (s, r) in zip(withD1.subjects, without.subjects) {
            XCTAssertEqual(s.observations.map(\.time), r.observations.map(\.time))
            for (o, q) in zip(s.observations, r.observations) where q.value > 0 {
                let ratio = ClosedForm.concentrations(unitD1, doses: dose, times: [o.time])[0]
                    / ClosedForm.concentrations(unit, doses: dose, times: [o.time])[0]
                XCTAssertEqual(o.value / q.value, ratio, accuracy: 1e-9 * ratio, "subject \(s.id) at \(o.time) h")
            }
            let early = s.observations.filter { $0.time > 0 && $0.time < 1 }
            XCTAssertFalse(early.isEmpty)
            for o in early { XCTAssertLessThan(o.value, r.observations.first { $0.time == o.time }!.value) }
        }

        var off = plain
        try off.set("absorption_duration", .numbers([5, 5]))
        try off.set("absorption_duration_between_subject_sd", .numbers([1, 1]))
        try assertSameStudies(off, plain)
        XCTAssertEqual(BuiltinPriors.defaultPrior.zeroOrderAbsorptionProbability, 0)
        XCTAssertEqual(BuiltinPriors.config("default+lag+zero-order-absorption")?.zeroOrderAbsorptionProbability, 0.5)
        XCTAssertEqual(BuiltinPriors.config("default+occasional-zero-order-absorption")?.zeroOrderAbsorptionProbability, 0.25)
    }
}
