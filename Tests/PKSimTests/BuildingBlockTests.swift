import XCTest
import PKData
@testable import PKSim

/// Eigen-decomposition, sampling grids, noise models, regimens.
final class BuildingBlockTests: XCTestCase {
    /// A·x_m = λ_m·x_m for every mode (relative residual < 1e-10), eigenvalues ascending and negative,
    /// modal weights summing to 1 (exp(A·0) = I in the central entry); P = 0…3, including stiff rate spreads.
    func testModesAreEigenpairs() {
        let cases: [(Double, [Peripheral])] = [
            (0.2, []), (0.15, [Peripheral(k1p: 0.6, kp1: 0.25)]),
            (0.2, [Peripheral(k1p: 0.5, kp1: 0.3), Peripheral(k1p: 0.2, kp1: 0.04)]),
            (3.0, [Peripheral(k1p: 2.7, kp1: 0.018), Peripheral(k1p: 0.02, kp1: 0.9)]),
            (0.2, [Peripheral(k1p: 0.5, kp1: 0.3), Peripheral(k1p: 0.2, kp1: 0.04), Peripheral(k1p: 0.05, kp1: 0.01)]),
        ]
        for (ke, per) in cases {
            let modes = MammillaryModes(ke: ke, peripherals: per)
            let p = per.count
            XCTAssertEqual(modes.count, p + 1)
            var sum = 0.0
            for m in 0...p {
                let lam = modes.lambda[m]
                XCTAssertLessThan(lam, 0)
                if m > 0 { XCTAssertGreaterThan(lam, modes.lambda[m - 1]) }
                let x = (0...p).map { modes.right(m, $0) }
                var r0 = -(ke + per.map(\.k1p).reduce(0, +)) * x[0]
                for j in 0..<p { r0 += per[j].kp1 * x[j + 1] }
                var residual = abs(r0 - lam * x[0])
                for j in 0..<p { residual = max(residual, abs(per[j].k1p * x[0] - per[j].kp1 * x[j + 1] - lam * x[j + 1])) }
                let scale = x.map(abs).max()! * abs(lam)
                XCTAssertLessThan(residual / scale, 1e-10, "ke \(ke), P \(p), mode \(m)")
                sum += modes.weight[m]
            }
            XCTAssertEqual(sum, 1, accuracy: 1e-12)
            // The cubic and the secular solver agree for P = 2.
            if p == 2 {
                let s = MammillaryModes.secularRoots(ke: ke, k1p: per.map(\.k1p), kp1: per.map(\.kp1))
                for m in 0...2 { XCTAssertEqual(s[m], modes.lambda[m], accuracy: 1e-12 * abs(modes.lambda[m])) }
            }
        }
    }

    func testCanonicalGrid() {
        let d = SamplingDesign(tPeak: 2, tHalf: 4, horizon: 30)
        XCTAssertEqual(d.canonical(), [0.2, 0.4, 1, 1.6, 2, 3, 4, 6, 10, 18, 26])
        let oral = SamplingDesign.forDose(route: .oral, duration: 0, ka: 1, ke: 0.1, horizon: 24)
        XCTAssertEqual(oral.tPeak, log(10) / 0.9, accuracy: 1e-12)
        XCTAssertEqual(oral.tHalf, log(2) / 0.1, accuracy: 1e-12)
        XCTAssertEqual(SamplingDesign.forDose(route: .iv, duration: 1.5, ka: 1, ke: 0.1, horizon: 24).tPeak, 1.5)
        XCTAssertEqual(SamplingDesign.forDose(route: .iv, duration: 0, ka: 1, ke: 0.1, horizon: 24).tPeak, 1)
        var rng = SeededGenerator(seed: 2)
        for _ in 0..<100 {
            let t = d.randomised(rng: &rng)
            XCTAssertEqual(t.count, 15)
            XCTAssertTrue(t.isSorted(by: <=) && t.first! > 0 && t.last! <= 30)
            XCTAssertEqual(t.filter { $0 < 2 }.count, 4)
            let sub = SamplingDesign.subsample(t, count: 3, rng: &rng)
            XCTAssertEqual(sub.count, 3)
            XCTAssertTrue(Set(sub).isSubset(of: Set(t)) && sub.isSorted(by: <=))
        }
    }

    /// Residual error models: mean and SD of 100,000 draws at c = 2 (tolerance 1 % of c).
    func testNoiseModels() {
        var rng = SeededGenerator(seed: 77)
        let n = 100_000
        let cases: [(NoiseModel, Double, Double)] = [
            (.proportional(sd: 0.1), 2, 0.2), (.additive(sd: 0.3), 2, 0.3),
            (.combined(proportional: 0.1, additive: 0.3), 2, (0.04 + 0.09).squareRoot()),
            (.logNormal(sd: 0.1), 2 * exp(0.005), 2 * exp(0.005) * (exp(0.01) - 1).squareRoot()),
        ]
        for (model, mean, sd) in cases {
            let x = (0..<n).map { _ in model.apply(2, rng: &rng) }
            let m = x.reduce(0, +) / Double(n)
            let s = (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)).squareRoot()
            XCTAssertEqual(m, mean, accuracy: 0.01 * 2, "\(model)")
            XCTAssertEqual(s, sd, accuracy: 0.01 * 2, "\(model)")
        }
        var normals = [Double](repeating: 0, count: 100_001)
        rng.fillNormals(&normals)
        let m = normals.reduce(0, +) / Double(normals.count)
        let v = normals.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(normals.count - 1)
        XCTAssertEqual(m, 0, accuracy: 0.015); XCTAssertEqual(v, 1, accuracy: 0.015)
    }

    func testRegimen() {
        let r = DosingRegimen(amount: 100, route: .iv, count: 3, interval: 12, start: 1, loadingDose: 250, duration: 0.5)
        XCTAssertEqual(r.doses.map(\.time), [1, 13, 25])
        XCTAssertEqual(r.doses.map(\.amount), [250, 100, 100])
        XCTAssertTrue(r.doses.allSatisfy { $0.isInfusion && $0.route == .iv })
        XCTAssertEqual(DosingRegimen.single(5, route: .oral).doses, [Dose(time: 0, amount: 5, route: .oral)])
    }

    func testCovariateAdaptersOfPriors() {
        XCTAssertEqual(BuiltinPriors.prior("default")!.covariateAdapters.map(\.id), ["weight-allometric"])
        XCTAssertEqual(BuiltinPriors.prior("one-compartment")!.covariateAdapters.count, 0)
        let mix = PriorMix(id: "m", components: [.init(prior: BuiltinPriors.prior("default")!, weight: 1),
                                                 .init(prior: BuiltinPriors.prior("one-compartment+weight-allometric")!, weight: 1)])
        XCTAssertEqual(mix.covariateAdapters.map(\.id), ["weight-allometric"])
    }
}

/// Degenerate structures (equal kp1's, a disconnected peripheral) stay finite and match RK45 (1e-5 relative).
final class DegenerateModelTests: XCTestCase {
    func testDegenerateStructuresMatchRK45() {
        let models = [
            PKParameters(ka: 1, ke: 0.2, v: 10, peripherals: [Peripheral(k1p: 0.3, kp1: 0.1), Peripheral(k1p: 0.2, kp1: 0.1)]),
            PKParameters(ka: 1, ke: 0.2, v: 10, peripherals: [Peripheral(k1p: 0, kp1: 0.1)]),
            PKParameters(ka: 1, ke: 0.2, v: 10, peripherals: [Peripheral(k1p: 0.3, kp1: 0.1), Peripheral(k1p: 0.2, kp1: 0.1),
                                                               Peripheral(k1p: 0.1, kp1: 0.1)]),
            PKParameters(ka: 0.2, ke: 0.2, v: 10),
        ]
        let doses = [Dose(time: 0, amount: 1, route: .oral), Dose(time: 6, amount: 1, route: .iv, duration: 1)]
        for p in models {
            let exact = Simulator.concentrations(p, doses: doses, times: grid)[0]
            let rk = RK45Simulator.concentrations(path: ParameterPath(constant: p), inputs: InputEvent.events(for: doses, f: 1, lag: 0), times: grid)[0]
            XCTAssertTrue(exact.allSatisfy(\.isFinite))
            XCTAssertLessThan(maxRelativeError(exact, rk), 1e-5, "\(p.peripherals)")
        }
    }
}
