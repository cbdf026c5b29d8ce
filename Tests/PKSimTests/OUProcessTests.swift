import XCTest
import PKData
@testable import PKSim

final class OUProcessTests: XCTestCase {
    /// Mean, variance and lag-1 autocorrelation of a long exact OU path (seed 42, 200,000 points, Δ = 0.1,
    /// rate 0.5, s² = 0.05, μ = 1.3). Theory: mean μ, variance s², lag-1 correlation e^{−0.05} = 0.9512.
    /// Tolerances ≈ 4 standard errors: mean ±0.015, variance ±6 %, correlation ±0.003.
    func testStationaryMomentsAndAutocorrelation() {
        var rng = SeededGenerator(seed: 42)
        let ou = OUProcess(rate: 0.5, stationaryVariance: 0.05)
        let times = (0..<200_000).map { Double($0) * 0.1 }
        let x = ou.sample(mean: 1.3, times: times, rng: &rng)
        let n = Double(x.count)
        let mean = x.reduce(0, +) / n
        let variance = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        var cov = 0.0
        for i in 1..<x.count { cov += (x[i] - mean) * (x[i - 1] - mean) }
        let rho = cov / (n - 1) / variance
        XCTAssertEqual(mean, 1.3, accuracy: 0.015)
        XCTAssertEqual(variance, 0.05, accuracy: 0.06 * 0.05)
        XCTAssertEqual(rho, exp(-0.05), accuracy: 0.003)
    }

    /// Irregular times: the exact discretisation keeps the stationary law (variance across 20,000 paths at
    /// the last of uneven times, ±5 %) and the correlation between two times at e^{−rate·Δ} (±0.02).
    func testIrregularTimesKeepTheStationaryLaw() {
        var rng = SeededGenerator(seed: 9)
        let ou = OUProcess(rate: 0.2, stationaryVariance: 0.1)
        let times: [Double] = [0, 0.3, 2.5, 2.6, 9, 20]
        var a: [Double] = [], b: [Double] = []
        for _ in 0..<20_000 {
            let x = ou.sample(mean: 0, times: times, rng: &rng)
            a.append(x[4]); b.append(x[5])
        }
        let va = a.reduce(0) { $0 + $1 * $1 } / Double(a.count)
        let vb = b.reduce(0) { $0 + $1 * $1 } / Double(b.count)
        let cab = zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } / Double(a.count)
        XCTAssertEqual(vb, 0.1, accuracy: 0.005)
        XCTAssertEqual(cab / (va * vb).squareRoot(), exp(-0.2 * 11), accuracy: 0.02)
    }

    func testZeroVarianceGivesConstantPath() {
        var rng = SeededGenerator(seed: 1)
        let path = OUProcess(rate: 1, stationaryVariance: 0).parameterPath(base: twoCmt, times: grid, rng: &rng)
        XCTAssertTrue(path.isConstant)
        XCTAssertEqual(path.first, twoCmt)
    }
}
