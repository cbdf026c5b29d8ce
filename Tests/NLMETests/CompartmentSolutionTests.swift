import XCTest
import PKData
@testable import NLME

/// Closed forms against a fine RK4 integration of the compartment ODEs (relative tolerance 1e-6).
final class CompartmentSolutionTests: XCTestCase {
    /// Amounts (depot, central, peripheral) by RK4 with steps ≤ 0.001 that land exactly on every dose,
    /// infusion end and query time; returns the central concentration at `times` (ascending).
    func integrate(doses: [Dose], cl: Double, v1: Double, q: Double, v2: Double, ka: Double, times: [Double]) -> [Double] {
        let k10 = cl / v1, k12 = q / v1, k21 = v2 > 0 ? q / v2 : 0
        var breaks = Set(times + doses.map(\.time) + doses.filter { $0.duration > 0 }.map { $0.time + $0.duration })
        breaks.insert(0)
        let grid = breaks.sorted()
        var a = [0.0, 0.0, 0.0]
        var out: [Double] = []
        func rate(_ a: [Double], infusion: Double) -> [Double] {
            [-ka * a[0], ka * a[0] - (k10 + k12) * a[1] + k21 * a[2] + infusion, k12 * a[1] - k21 * a[2]]
        }
        for (i, t0) in grid.enumerated() {
            for d in doses where d.time == t0 && d.duration == 0 { if d.route == .oral { a[0] += d.amount } else { a[1] += d.amount } }
            if times.contains(t0) { out.append(a[1] / v1) }
            guard i + 1 < grid.count else { break }
            let t1 = grid[i + 1]
            // Infusion rate is constant on (t0, t1): every breakpoint is in the grid.
            let mid = (t0 + t1) / 2
            let inf = doses.filter { $0.duration > 0 && mid > $0.time && mid < $0.time + $0.duration }
                .reduce(0) { $0 + $1.amount / $1.duration }
            let n = max(Int(((t1 - t0) / 0.001).rounded(.up)), 1), h = (t1 - t0) / Double(n)
            for _ in 0..<n {
                let k1 = rate(a, infusion: inf)
                let k2 = rate(zip(a, k1).map { $0 + h / 2 * $1 }, infusion: inf)
                let k3 = rate(zip(a, k2).map { $0 + h / 2 * $1 }, infusion: inf)
                let k4 = rate(zip(a, k3).map { $0 + h * $1 }, infusion: inf)
                for j in 0..<3 { a[j] += h / 6 * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]) }
            }
        }
        return out
    }

    let times = [0.5, 1, 2, 3.99, 6, 9, 12.5, 18, 24]

    func testOneCompartmentOralIVAndInfusionWithMultipleDoses() {
        let doses = [Dose(time: 0, amount: 100, route: .oral), Dose(time: 4, amount: 50, route: .iv),
                     Dose(time: 8, amount: 80, route: .iv, duration: 2), Dose(time: 12, amount: 100, route: .oral)]
        let ke = 0.2, v = 10.0, ka = 1.3
        let ode = integrate(doses: doses, cl: ke * v, v1: v, q: 0, v2: 0, ka: ka, times: times)
        for (t, c) in zip(times, ode) {
            let closed = CompartmentSolution.oneCompartment(t: t, doses: doses, ke: ke, v: v, ka: ka)
            XCTAssertEqual(closed, c, accuracy: 1e-6 * max(c, 1e-3), "t = \(t)")
        }
        // ka = ke: the kernel's limit τ e^{−kτ}.
        let limit = CompartmentSolution.oneCompartment(t: 3, doses: [doses[0]], ke: 0.4, v: 10, ka: 0.4)
        XCTAssertEqual(limit, 100 * 0.4 / 10 * 3 * exp(-0.4 * 3), accuracy: 1e-12)
    }

    func testTwoCompartmentOralIVAndInfusionWithMultipleDoses() {
        let doses = [Dose(time: 0, amount: 100, route: .oral), Dose(time: 4, amount: 50, route: .iv),
                     Dose(time: 8, amount: 80, route: .iv, duration: 2), Dose(time: 12, amount: 100, route: .oral)]
        let cl = 3.0, v1 = 10.0, q = 2.0, v2 = 25.0, ka = 0.9
        let ode = integrate(doses: doses, cl: cl, v1: v1, q: q, v2: v2, ka: ka, times: times)
        for (t, c) in zip(times, ode) {
            let closed = CompartmentSolution.twoCompartment(t: t, doses: doses, cl: cl, v1: v1, q: q, v2: v2, ka: ka)
            XCTAssertEqual(closed, c, accuracy: 1e-6 * max(c, 1e-3), "t = \(t)")
        }
    }

    func testDualJacobianMatchesFiniteDifferences() {
        let doses = [Dose(time: 0, amount: 100, route: .oral), Dose(time: 6, amount: 40, route: .iv, duration: 1)]
        let ts = [1.0, 5, 6.5, 10]
        for (structure, phi) in [(Structure.oneCompartment, [-1.5, 0.2, 0.7]), (.twoCompartment, [0.5, 2.0, 0.3, 3.0, -0.1])] {
            var out = [Dual](repeating: Dual(0), count: ts.count)
            CompartmentSolution.predict(structure, phi: phi.indices.map { Dual(variable: phi[$0], index: $0) }, oral: true,
                                        doses: doses, times: ts, into: &out)
            for k in phi.indices {
                var p1 = phi, p2 = phi
                p1[k] += 1e-6; p2[k] -= 1e-6
                var f1 = [Double](repeating: 0, count: ts.count), f2 = f1
                CompartmentSolution.predict(structure, phi: p1, oral: true, doses: doses, times: ts, into: &f1)
                CompartmentSolution.predict(structure, phi: p2, oral: true, doses: doses, times: ts, into: &f2)
                for j in ts.indices {
                    XCTAssertEqual(out[j].d[k], (f1[j] - f2[j]) / 2e-6, accuracy: 1e-5 * max(abs(out[j].d[k]), 1), "\(structure) ∂f\(j)/∂φ\(k)")
                }
            }
        }
    }
}
