import XCTest
import PKData
@testable import PKSim

/// RK45 and the exact propagator against the textbook closed forms: relative error < 1e-6.
final class ClosedFormAgreementTests: XCTestCase {
    let regimens: [(String, [Dose])] = [
        ("oral single", [Dose(time: 0, amount: 100, route: .oral)]),
        ("iv single", [Dose(time: 0, amount: 100, route: .iv)]),
        ("infusion single", [Dose(time: 0.5, amount: 100, route: .iv, duration: 1.5)]),
        ("oral multiple", (0..<4).map { Dose(time: Double($0) * 8, amount: $0 == 0 ? 200 : 100, route: .oral) }),
        ("iv multiple", (0..<4).map { Dose(time: Double($0) * 6, amount: 50, route: .iv) }),
        ("infusion multiple", (0..<3).map { Dose(time: Double($0) * 12, amount: 80, route: .iv, duration: 2) }),
        ("oral zero-order", [Dose(time: 1, amount: 60, route: .oral, duration: 3)]),
    ]

    func testRK45MatchesClosedForm() {
        for p in [oneCmt, twoCmt] {
            for (name, doses) in regimens {
                let reference = ClosedForm.concentrations(p, doses: doses, times: grid)
                let rk = RK45Simulator.concentrations(path: ParameterPath(constant: p),
                                                      inputs: InputEvent.events(for: doses, parameters: p), times: grid)[0]
                let err = maxRelativeError(rk, reference)
                XCTAssertLessThan(err, 1e-6, "RK45 \(name), P=\(p.peripheralCount): rel. error \(err)")
            }
        }
    }

    func testPropagatorMatchesClosedForm() {
        for p in [oneCmt, twoCmt] {
            for (name, doses) in regimens {
                let reference = ClosedForm.concentrations(p, doses: doses, times: grid)
                let exact = Simulator.concentrations(p, doses: doses, times: grid)[0]
                let err = maxRelativeError(exact, reference)
                XCTAssertLessThan(err, 1e-9, "propagator \(name), P=\(p.peripheralCount): rel. error \(err)")
            }
        }
    }

    func testThreeCompartmentPropagatorMatchesRK45() {
        let p3 = PKParameters(ka: 0.9, ke: 0.2, v: 15, peripherals: threeCmt.peripherals + [Peripheral(k1p: 0.05, kp1: 0.01)])
        for p in [threeCmt, p3] {
            for (name, doses) in regimens {
                let inputs = InputEvent.events(for: doses, parameters: p)
                let exact = LinearPropagator.concentrations(path: ParameterPath(constant: p), inputs: inputs, times: grid)
                let rk = RK45Simulator.concentrations(path: ParameterPath(constant: p), inputs: inputs, times: grid)[0]
                let err = maxRelativeError(rk, exact)
                XCTAssertLessThan(err, 1e-6, "\(name), P=\(p.peripheralCount): rel. error \(err)")
            }
        }
    }

    func testTimeVaryingPropagatorMatchesRK45() {
        var rng = SeededGenerator(seed: 7)
        let ou = OUProcess(rate: 0.3, stationaryVariance: 0.08)
        let doses = (0..<3).map { Dose(time: Double($0) * 8, amount: 100, route: .oral) }
        for base in [oneCmt, twoCmt, threeCmt] {
            let path = ou.parameterPath(base: base, times: grid, rng: &rng)
            XCTAssertEqual(path.parameters.count, grid.count)
            let inputs = InputEvent.events(for: doses, parameters: base)
            let exact = LinearPropagator.concentrations(path: path, inputs: inputs, times: grid)
            let rk = RK45Simulator.concentrations(path: path, inputs: inputs, times: grid)[0]
            XCTAssertLessThan(maxRelativeError(rk, exact), 1e-6, "P=\(base.peripheralCount)")
            // The path really varies: differs from the constant-parameter profile.
            let constant = LinearPropagator.concentrations(path: ParameterPath(constant: base), inputs: inputs, times: grid)
            XCTAssertGreaterThan(maxRelativeError(exact, constant), 1e-3)
        }
    }

    func testSuperposition() {
        let doses = [Dose(time: 0, amount: 100, route: .oral), Dose(time: 5, amount: 40, route: .iv),
                     Dose(time: 9, amount: 70, route: .iv, duration: 2)]
        for p in [oneCmt, twoCmt, threeCmt] {
            let together = Simulator.concentrations(p, doses: doses, times: grid)[0]
            var sum = [Double](repeating: 0, count: grid.count)
            for d in doses {
                let single = Simulator.concentrations(p, doses: [d], times: grid)[0]
                for i in sum.indices { sum[i] += single[i] }
            }
            XCTAssertLessThan(maxRelativeError(together, sum), 1e-10, "P=\(p.peripheralCount)")
        }
    }

    func testPreDoseSampleIsTakenBeforeTheDose() {
        let doses = [Dose(time: 0, amount: 100, route: .iv), Dose(time: 12, amount: 100, route: .iv)]
        let c = Simulator.concentrations(oneCmt, doses: doses, times: [0, 12])[0]
        XCTAssertEqual(c[0], 0)
        XCTAssertEqual(c[1], 100 / 25 * exp(-0.12 * 12), accuracy: 1e-12)
        let rk = RK45Simulator.concentrations(path: ParameterPath(constant: oneCmt),
                                              inputs: InputEvent.events(for: doses, f: 1, lag: 0), times: [0, 12])[0]
        XCTAssertEqual(rk[1], c[1], accuracy: 1e-8 * c[1])
    }
}
