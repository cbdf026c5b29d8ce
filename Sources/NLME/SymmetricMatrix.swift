import Foundation

/// Small dense symmetric positive-definite linear algebra on row-major n×n `[Double]` (n ≤ ~10).
/// `cholesky` returns the lower factor L (A = L Lᵀ) or nil when A is not numerically positive definite.
enum SymmetricMatrix {
    static func cholesky(_ a: [Double], _ n: Int) -> [Double]? {
        var l = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0...i {
                var s = a[i * n + j]
                for k in 0..<j { s -= l[i * n + k] * l[j * n + k] }
                if i == j {
                    guard s > 0, s.isFinite else { return nil }
                    l[i * n + i] = s.squareRoot()
                } else {
                    l[i * n + j] = s / l[j * n + j]
                }
            }
        }
        return l
    }

    /// log det A from its Cholesky factor.
    static func logDet(cholesky l: [Double], _ n: Int) -> Double {
        var s = 0.0
        for i in 0..<n { s += log(l[i * n + i]) }
        return 2 * s
    }

    /// Solves A x = b given A's Cholesky factor.
    static func solve(cholesky l: [Double], _ n: Int, _ b: [Double]) -> [Double] {
        var y = b
        for i in 0..<n {
            var s = y[i]
            for k in 0..<i { s -= l[i * n + k] * y[k] }
            y[i] = s / l[i * n + i]
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            var s = y[i]
            for k in (i + 1)..<max(n, i + 1) { s -= l[k * n + i] * y[k] }
            y[i] = s / l[i * n + i]
        }
        return y
    }

    /// A⁻¹ given A's Cholesky factor.
    static func inverse(cholesky l: [Double], _ n: Int) -> [Double] {
        var inv = [Double](repeating: 0, count: n * n)
        for j in 0..<n {
            var e = [Double](repeating: 0, count: n); e[j] = 1
            let x = solve(cholesky: l, n, e)
            for i in 0..<n { inv[i * n + j] = x[i] }
        }
        return inv
    }
}
