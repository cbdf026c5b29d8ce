import XCTest
import PKData
@testable import PKSim

/// AUC, steady state and mass balance identities of simulated profiles.
final class PharmacokineticIdentityTests: XCTestCase {
    /// Trapezoidal AUC over a fine grid plus the log-linear tail C_last/λ_z.
    func auc(_ c: [Double], _ t: [Double]) -> Double {
        var s = 0.0
        for i in 1..<t.count { s += 0.5 * (c[i] + c[i - 1]) * (t[i] - t[i - 1]) }
        let n = t.count
        let lambdaZ = log(c[n - 2] / c[n - 1]) / (t[n - 1] - t[n - 2])
        return s + c[n - 1] / lambdaZ
    }

    func testAUCEqualsFDoseOverCL() {
        let times = stride(from: 0.0, through: 240, by: 0.02).map { $0 }
        for p in [oneCmt, twoCmt, threeCmt] {
            for dose in [Dose(time: 0, amount: 100, route: .oral), Dose(time: 0, amount: 100, route: .iv, duration: 2)] {
                let c = Simulator.concentrations(p, doses: [dose], times: times)[0]
                let expected = (dose.route == .oral ? p.f : 1) * dose.amount / p.cl
                XCTAssertEqual(auc(c, times), expected, accuracy: 0.01 * expected, "P=\(p.peripheralCount) \(dose.route)")
            }
        }
    }

    func testSteadyStateTroughMatchesClosedForm() {
        for p in [oneCmt, twoCmt] {
            for route in [DoseRoute.oral, .iv] {
                let tau = 12.0
                let expected = ClosedForm.steadyStateTrough(p, amount: 100, tau: tau, route: route)
                // 40 explicit doses: the trough before the 41st.
                let doses = (0..<40).map { Dose(time: Double($0) * tau, amount: 100, route: route) }
                let explicit = Simulator.concentrations(p, doses: doses, times: [40 * tau])[0][0]
                XCTAssertEqual(explicit, expected, accuracy: 1e-6 * expected, "P=\(p.peripheralCount) \(route)")
                // One SS dose (expanded by the simulator): the trough before the next dose.
                let ss = Simulator.concentrations(p, doses: [Dose(time: 0, amount: 100, route: route, steadyState: true, interval: tau)],
                                                  times: [tau, 0])[0]
                XCTAssertEqual(ss[0], expected, accuracy: 1e-6 * expected)
                XCTAssertEqual(ss[1], expected, accuracy: 1e-6 * expected, "pre-dose sample at the SS dose")
                // Textbook one-compartment IV formula as an independent check.
                if route == .iv && p.peripherals.isEmpty {
                    let k = p.ke
                    XCTAssertEqual(expected, 100 / p.v * exp(-k * tau) / (1 - exp(-k * tau)), accuracy: 1e-12 * expected)
                }
            }
        }
    }

    func testMetaboliteMassBalance() {
        var p = twoCmt
        p.metabolite = MetaboliteParameters(fm: 0.6, kem: 0.3, vm: 12)
        let m = p.metabolite!
        // Augmented state: compartments + cumulative parent elimination not to metabolite + metabolite elimination.
        let sys = CompartmentSystem(p: p)
        let n = sys.stateCount
        var y = [Double](repeating: 0, count: n + 2)
        y[0] = 100 * p.f
        let checkpoints: [Double] = [0.5, 2, 7, 24, 96]
        var worst = 0.0
        RK45().integrate(from: 0, to: 96, y: &y, outputs: checkpoints, record: { _, s in
            let total = s.reduce(0, +)
            worst = max(worst, abs(total - 100 * p.f) / (100 * p.f))
        }, f: { _, s, dy in
            var core = [Double](repeating: 0, count: n)
            sys.derivative(Array(s[0..<n]), &core)
            for i in 0..<n { dy[i] = core[i] }
            dy[n] = (1 - m.fm) * p.ke * s[1]
            dy[n + 1] = m.kem * s[n - 1]
        })
        XCTAssertLessThan(worst, 1e-9)
        // Integral form from the outputs: ∫ kem·Vm·Cm dt = fm·F·Dose and ∫ ke·V·C dt = F·Dose.
        let times = stride(from: 0.0, through: 200, by: 0.02).map { $0 }
        let c = Simulator.concentrations(p, doses: [Dose(time: 0, amount: 100, route: .oral)], times: times)
        XCTAssertEqual(c.count, 2)
        let aucP = auc(c[0], times), aucM = auc(c[1], times)
        XCTAssertEqual(p.ke * p.v * aucP, 100 * p.f, accuracy: 0.01 * 100 * p.f)
        XCTAssertEqual(m.kem * m.vm * aucM, m.fm * 100 * p.f, accuracy: 0.01 * m.fm * 100 * p.f)
    }
}
