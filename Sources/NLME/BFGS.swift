import Foundation

/// Unconstrained quasi-Newton minimisation (BFGS on the inverse Hessian) with backtracking Armijo line
/// search and central finite-difference gradients.
///
/// Stops when max_k |∂f/∂x_k| < `gradientTolerance`, or when the relative decrease of f stays below
/// `relativeTolerance` for 3 consecutive iterations (both count as converged), or after `maxIterations`
/// or a failed line search from a steepest-descent direction (not converged). Steps are capped at
/// `maxStep` in the ∞-norm (the variables are log-scale). `onAccept` is called with every accepted point
/// (used to warm-start the inner problems).
struct BFGS {
    var gradientTolerance = 1e-3
    var relativeTolerance = 1e-10
    var maxIterations = 400
    var finiteDifferenceStep = 1e-4
    var maxStep = 2.0

    struct Result {
        var x: [Double]
        var value: Double
        var gradient: [Double]
        var iterations: Int
        var evaluations: Int
        var converged: Bool
        var message: String
    }

    func minimize(_ x0: [Double], _ f: ([Double]) -> Double, onAccept: ([Double]) -> Void = { _ in }) -> Result {
        let n = x0.count
        var evaluations = 0
        func value(_ x: [Double]) -> Double { evaluations += 1; let v = f(x); return v.isFinite ? v : .infinity }
        /// Central differences near convergence; forward differences (half the cost) while the previous
        /// gradient is large (∞-norm > 1), where their O(h) error does not matter.
        func gradient(_ x: [Double], at fx: Double, central: Bool) -> [Double] {
            var g = [Double](repeating: 0, count: n)
            let h = finiteDifferenceStep
            for k in 0..<n {
                var xp = x
                xp[k] += h
                let fp = value(xp)
                if central {
                    var xm = x
                    xm[k] -= h
                    let fm = value(xm)
                    g[k] = (fp.isFinite && fm.isFinite) ? (fp - fm) / (2 * h) : 0
                } else {
                    g[k] = fp.isFinite ? (fp - fx) / h : 0
                }
            }
            return g
        }
        var x = x0
        var fx = value(x)
        guard fx.isFinite else {
            return Result(x: x, value: fx, gradient: [Double](repeating: .nan, count: n), iterations: 0, evaluations: evaluations,
                          converged: false, message: "objective not finite at the start")
        }
        var g = gradient(x, at: fx, central: false)
        var gCentral = false
        var hInv = identity(n)
        var isIdentity = true
        var smallDecreases = 0
        for it in 1...maxIterations {
            if !gCentral, g.map(abs).max() ?? 0 <= 1 { g = gradient(x, at: fx, central: true); gCentral = true }
            if g.map(abs).max() ?? 0 < gradientTolerance {
                return Result(x: x, value: fx, gradient: g, iterations: it - 1, evaluations: evaluations, converged: true, message: "gradient below tolerance")
            }
            var d = multiply(hInv, g, n).map { -$0 }
            var slope = dot(g, d)
            if !(slope < 0) { hInv = identity(n); isIdentity = true; d = g.map { -$0 }; slope = dot(g, d) }
            let big = d.map(abs).max() ?? 0
            if big > maxStep { d = d.map { $0 * maxStep / big }; slope = dot(g, d) }
            var t = 1.0, accepted = false
            var xNew = x, fNew = fx
            for _ in 0..<50 {
                for k in 0..<n { xNew[k] = x[k] + t * d[k] }
                fNew = value(xNew)
                if fNew <= fx + 1e-4 * t * slope { accepted = true; break }
                t *= 0.5
            }
            if !accepted {
                if !gCentral { g = gradient(x, at: fx, central: true); gCentral = true; continue }
                if !isIdentity { hInv = identity(n); isIdentity = true; continue }
                return Result(x: x, value: fx, gradient: g, iterations: it, evaluations: evaluations, converged: false,
                              message: "line search failed along the steepest-descent direction")
            }
            onAccept(xNew)
            gCentral = (g.map(abs).max() ?? 0) <= 1
            let gNew = gradient(xNew, at: fNew, central: gCentral)
            let s = (0..<n).map { xNew[$0] - x[$0] }, y = (0..<n).map { gNew[$0] - g[$0] }
            let sy = dot(s, y)
            if sy > 1e-12 {
                if isIdentity { let scale = sy / dot(y, y); hInv = identity(n).map { $0 * scale } }
                update(&hInv, s: s, y: y, sy: sy, n: n)
                isIdentity = false
            }
            let decrease = fx - fNew
            smallDecreases = decrease <= relativeTolerance * max(abs(fx), 1) ? smallDecreases + 1 : 0
            x = xNew; fx = fNew; g = gNew
            if smallDecreases >= 3 {
                return Result(x: x, value: fx, gradient: g, iterations: it, evaluations: evaluations, converged: true, message: "relative change below tolerance")
            }
        }
        return Result(x: x, value: fx, gradient: g, iterations: maxIterations, evaluations: evaluations, converged: false,
                      message: "iteration limit \(maxIterations) reached")
    }

    private func identity(_ n: Int) -> [Double] {
        var m = [Double](repeating: 0, count: n * n)
        for i in 0..<n { m[i * n + i] = 1 }
        return m
    }
    private func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    private func multiply(_ m: [Double], _ v: [Double], _ n: Int) -> [Double] {
        (0..<n).map { i in (0..<n).reduce(0) { $0 + m[i * n + $1] * v[$1] } }
    }
    /// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / yᵀs.
    private func update(_ h: inout [Double], s: [Double], y: [Double], sy: Double, n: Int) {
        let rho = 1 / sy
        let hy = multiply(h, y, n)
        let yhy = dot(y, hy)
        for i in 0..<n {
            for j in 0..<n {
                h[i * n + j] += -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j]
            }
        }
    }
}
