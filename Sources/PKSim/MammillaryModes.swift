import Foundation

/// The eigen-decomposition of the disposition block (central + P peripherals) of a mammillary model,
/// A = [[−(ke + Σk1p_j), kp1_1 … kp1_P], [k1p_j on row j, −kp1_j on the diagonal]].
///
/// All eigenvalues λ_m (m = 0…P) are real and negative (A is similar to a symmetric matrix) and
/// interlace with the poles −kp1_j. With right eigenvectors x_m (x_m0 = 1, x_mj = k1p_j/(λ_m + kp1_j)) and
/// left eigenvectors y_m (y_m0 = 1, y_mj = kp1_j/(λ_m + kp1_j)):
///
///     exp(A·t) = Σ_m e^{λ_m t} · x_m y_mᵀ / (y_m·x_m)
///
/// Eigenvalues: closed form for P ≤ 2 (quadratic; cubic by the trigonometric method, Newton-polished),
/// bracketed bisection+Newton on the secular equation for P ≥ 3; relative accuracy ~1e-14.
/// Degenerate structures (equal kp1_j, k1p_j = 0) are separated slightly (see `init`).
public struct MammillaryModes: Sendable {
    /// Largest number of peripherals handled (storage is inline, so building modes never allocates).
    public static let maxPeripherals = 3
    /// Number of modes, P + 1.
    public let count: Int
    /// Eigenvalues λ_m (< 0) in entries 0..<count, ascending.
    public private(set) var lambda = SIMD4<Double>(repeating: 0)
    /// weight[m] = 1 / (y_m·x_m): the central-to-central modal weights; Σ_m weight[m] = 1.
    public private(set) var weight = SIMD4<Double>(repeating: 0)
    var k1p = SIMD4<Double>(repeating: 0)
    var kp1 = SIMD4<Double>(repeating: 0)

    public init(ke: Double, peripherals: [Peripheral]) {
        let p = peripherals.count
        precondition(p <= Self.maxPeripherals, "MammillaryModes: at most \(Self.maxPeripherals) peripherals (RK45 handles more)")
        count = p + 1
        for j in 0..<p { k1p[j] = peripherals[j].k1p; kp1[j] = peripherals[j].kp1 }
        // Degenerate structures have an eigenvalue exactly at a pole −kp1_j, where the eigenvector formula
        // divides by zero: a disconnected peripheral (k1p = 0) or two peripherals with equal kp1. They are
        // separated: k1p ≥ 1e-12·(ke + kp1), and kp1's closer than 1e-6 relative are moved 1e-6 apart, which
        // changes concentrations by ≲ 1e-6 relative.
        for j in 0..<p {
            k1p[j] = max(k1p[j], 1e-12 * (ke + kp1[j]))
            for i in 0..<j where abs(kp1[j] - kp1[i]) <= 1e-6 * max(kp1[i], kp1[j]) {
                kp1[j] = kp1[i] * (1 + 2e-6)
            }
        }
        switch p {
        case 0: lambda[0] = -ke
        case 1:
            let r = MammillaryModes.quadraticRoots(ke: ke, k12: k1p[0], k21: kp1[0])
            lambda[0] = r.0; lambda[1] = r.1
        case 2:
            let r = MammillaryModes.cubicRoots(ke: ke, k12: k1p[0], k13: k1p[1], k21: kp1[0], k31: kp1[1])
            lambda[0] = r.0; lambda[1] = r.1; lambda[2] = r.2
        default:
            let r = MammillaryModes.secularRoots(ke: ke, k1p: (0..<p).map { k1p[$0] }, kp1: (0..<p).map { kp1[$0] })
            for m in 0...p { lambda[m] = r[m] }
        }
        for m in 0...p {
            var norm = 1.0
            for j in 0..<p {
                let d = lambda[m] + kp1[j]
                norm += k1p[j] * kp1[j] / (d * d)
            }
            weight[m] = 1 / norm
        }
    }

    /// Right eigenvector component x_mj (j = 0 central, j ≥ 1 peripheral j).
    @inline(__always) public func right(_ m: Int, _ j: Int) -> Double {
        j == 0 ? 1 : k1p[j - 1] / (lambda[m] + kp1[j - 1])
    }
    /// Left eigenvector component y_mj.
    @inline(__always) public func left(_ m: Int, _ j: Int) -> Double {
        j == 0 ? 1 : kp1[j - 1] / (lambda[m] + kp1[j - 1])
    }

    // MARK: eigenvalues

    /// Roots of λ² + (ke + k12 + k21)λ + ke·k21 = 0, ascending (most negative first).
    static func quadraticRoots(ke: Double, k12: Double, k21: Double) -> (Double, Double) {
        let b = ke + k12 + k21, c = ke * k21
        let disc = max(b * b - 4 * c, 0).squareRoot()
        let big = -(b + disc) / 2          // the more negative root, computed without cancellation
        return (big, c / big)
    }

    /// Roots of the 3-compartment characteristic cubic λ³ + a2λ² + a1λ + a0, ascending.
    static func cubicRoots(ke: Double, k12: Double, k13: Double, k21: Double, k31: Double) -> (Double, Double, Double) {
        let a2 = ke + k12 + k13 + k21 + k31
        let a1 = ke * k21 + ke * k31 + k21 * k31 + k31 * k12 + k21 * k13
        let a0 = ke * k21 * k31
        // Depressed cubic λ = s − a2/3: s³ + ps + q = 0, three real roots.
        let p = a1 - a2 * a2 / 3
        let q = 2 * a2 * a2 * a2 / 27 - a2 * a1 / 3 + a0
        var roots = SIMD3<Double>(repeating: 0)
        if p < 0 {
            let r = 2 * (-p / 3).squareRoot()
            let arg = max(-1, min(1, 3 * q / (p * r)))
            let phi = acos(arg) / 3
            for k in 0..<3 { roots[k] = r * cos(phi - 2 * Double.pi * Double(k) / 3) - a2 / 3 }
        } else {
            for k in 0..<3 { roots[k] = -a2 / 3 }
        }
        // Newton polish on the original cubic (guards the trigonometric formula's cancellation).
        for k in 0..<3 {
            var x = roots[k]
            for _ in 0..<3 {
                let f = ((x + a2) * x + a1) * x + a0
                let d = (3 * x + 2 * a2) * x + a1
                if d == 0 { break }
                let nx = x - f / d
                if !nx.isFinite { break }
                x = nx
            }
            roots[k] = min(x, -Double.leastNonzeroMagnitude)
        }
        var (a, b, c) = (roots[0], roots[1], roots[2])
        if a > b { swap(&a, &b) }
        if b > c { swap(&b, &c) }
        if a > b { swap(&a, &b) }
        return (a, b, c)
    }

    /// Roots of the secular equation g(λ) = −(ke + Σk1p) − λ + Σ k1p_j·kp1_j/(λ + kp1_j) = 0, ascending.
    /// g is strictly decreasing between its poles −kp1_j, so each interval holds exactly one root.
    static func secularRoots(ke: Double, k1p: [Double], kp1: [Double]) -> [Double] {
        let p = k1p.count
        let sumK1p = k1p.reduce(0, +)
        func g(_ x: Double) -> Double {
            var s = -(ke + sumK1p) - x
            for j in 0..<p { s += k1p[j] * kp1[j] / (x + kp1[j]) }
            return s
        }
        let poles = kp1.map { -$0 }.sorted()
        let lower = -(ke + sumK1p + kp1.reduce(0, +)) * 1.0001 - 1e-300
        var edges = [lower] + poles + [0.0]
        edges[edges.count - 1] = 0
        var roots: [Double] = []
        for k in 0...p {
            var lo = edges[k], hi = edges[k + 1]      // g(lo+) > 0 > g(hi−)
            for _ in 0..<200 {
                let mid = 0.5 * (lo + hi)
                if mid <= lo || mid >= hi { break }
                if g(mid) > 0 { lo = mid } else { hi = mid }
            }
            roots.append(0.5 * (lo + hi))
        }
        return roots
    }
}
