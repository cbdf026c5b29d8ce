import Foundation
import PKData

/// The conditional (per-subject) problem under fixed population parameters, on the −2 log scale.
///
/// With φ = θ + η, f_j = f(t_j; φ), R_j = a² + b² f_j² (floored at 1e−20):
///   J(η) = Σ_j [log R_j + (y_j − f_j)² / R_j] + Σ_k η_k² / ω_k²
/// The conditional mode η̂ minimises J (Fisher scoring with step halving). The information matrix
///   M = Σ_j [g_j g_jᵀ / R_j + ½ r_j r_jᵀ / R_j²] + Ω⁻¹,  g_j = ∂f_j/∂η, r_j = ∂R_j/∂η = 2 b² f_j g_j,
/// is the expected-information (Gauss–Newton) approximation of ½ ∂²J/∂η². The FOCE-I / Laplace
/// contribution of the subject to −2 log L is
///   OFV_i = J(η̂) + n_i log 2π + Σ_k log ω_k² + log det M(η̂),
/// and M(η̂)⁻¹ is the Laplace approximation of the posterior covariance of η.
/// Jacobians by central differences (step 1e−5 on log-scale parameters).
struct IndividualProblem {
    let structure: Structure
    let oral: Bool
    let theta: [Double]
    let omega2: [Double]
    let a2: Double
    let b2: Double
    var p: Int { theta.count }

    struct Mode {
        var eta: [Double]
        /// M at η̂ (p×p row-major) and its Cholesky factor.
        var information: [Double]
        var choleskyFactor: [Double]
        /// OFV_i (see type comment); +∞ when not finite.
        var objective: Double
        var converged: Bool
        var iterations: Int
    }

    func predictions(_ s: SubjectData, eta: [Double]) -> [Double] {
        var phi = theta
        for k in 0..<p { phi[k] += eta[k] }
        var out = [Double](repeating: 0, count: s.times.count)
        phi.withUnsafeBufferPointer { ph in
            out.withUnsafeMutableBufferPointer { o in
                structure.predict(phi: ph.baseAddress!, oral: oral, doses: s.doses, times: s.times, into: o.baseAddress!)
            }
        }
        return out
    }

    /// Predictions at arbitrary times (for forecasts).
    func predictions(times: [Double], doses: [Dose], eta: [Double]) -> [Double] {
        var phi = theta
        for k in 0..<p { phi[k] += eta[k] }
        var out = [Double](repeating: 0, count: times.count)
        phi.withUnsafeBufferPointer { ph in
            out.withUnsafeMutableBufferPointer { o in
                structure.predict(phi: ph.baseAddress!, oral: oral, doses: doses, times: times, into: o.baseAddress!)
            }
        }
        return out
    }

    @inline(__always) func variance(_ f: Double) -> Double { max(a2 + b2 * f * f, 1e-20) }

    /// J(η) only.
    func conditionalObjective(_ s: SubjectData, eta: [Double]) -> Double {
        let f = predictions(s, eta: eta)
        var j = 0.0
        for i in f.indices {
            let r = variance(f[i]), e = s.values[i] - f[i]
            j += log(r) + e * e / r
        }
        for k in 0..<p { j += eta[k] * eta[k] / omega2[k] }
        return j.isFinite ? j : .infinity
    }

    /// J, ½∇J and M at η.
    func linearise(_ s: SubjectData, eta: [Double]) -> (j: Double, halfGrad: [Double], m: [Double]) {
        let n = s.times.count
        let f = predictions(s, eta: eta)
        var g = [Double](repeating: 0, count: n * p)     // g[j*p + k]
        let h = 1e-5
        for k in 0..<p {
            var e1 = eta; e1[k] += h
            var e2 = eta; e2[k] -= h
            let f1 = predictions(s, eta: e1), f2 = predictions(s, eta: e2)
            for j in 0..<n { g[j * p + k] = (f1[j] - f2[j]) / (2 * h) }
        }
        var jv = 0.0
        var hg = [Double](repeating: 0, count: p)
        var m = [Double](repeating: 0, count: p * p)
        var r1 = [Double](repeating: 0, count: p)
        for j in 0..<n {
            let r = variance(f[j]), e = s.values[j] - f[j]
            jv += log(r) + e * e / r
            let w = 2 * b2 * f[j]
            for k in 0..<p { r1[k] = w * g[j * p + k] }
            for k in 0..<p {
                hg[k] += 0.5 * r1[k] / r * (1 - e * e / r) - e * g[j * p + k] / r
                for l in 0...k {
                    let v = g[j * p + k] * g[j * p + l] / r + 0.5 * r1[k] * r1[l] / (r * r)
                    m[k * p + l] += v
                }
            }
        }
        for k in 0..<p {
            jv += eta[k] * eta[k] / omega2[k]
            hg[k] += eta[k] / omega2[k]
            m[k * p + k] += 1 / omega2[k]
            for l in 0..<k { m[l * p + k] = m[k * p + l] }
        }
        return (jv.isFinite ? jv : .infinity, hg, m)
    }

    /// The conditional mode from `start`, and the subject's OFV contribution there.
    func mode(_ s: SubjectData, start: [Double], maxIterations: Int = 100) -> Mode {
        var eta = start
        var lin = linearise(s, eta: eta)
        if !lin.j.isFinite { eta = [Double](repeating: 0, count: p); lin = linearise(s, eta: eta) }
        var converged = false
        var it = 0
        while it < maxIterations {
            it += 1
            guard let l = SymmetricMatrix.cholesky(lin.m, p) else { break }
            let step = SymmetricMatrix.solve(cholesky: l, p, lin.halfGrad).map { -$0 }
            var slope = 0.0
            for k in 0..<p { slope += 2 * lin.halfGrad[k] * step[k] }
            var t = 1.0, accepted = false, newEta = eta
            for _ in 0..<40 {
                for k in 0..<p { newEta[k] = eta[k] + t * step[k] }
                let jn = conditionalObjective(s, eta: newEta)
                if jn <= lin.j + 1e-4 * t * slope { accepted = true; break }
                t *= 0.5
            }
            let stepSize = step.map { abs($0 * t) }.max() ?? 0
            if !accepted { converged = lin.halfGrad.map(abs).max() ?? 0 < 1e-5; break }
            eta = newEta
            lin = linearise(s, eta: eta)
            if stepSize < 1e-9 { converged = true; break }
        }
        guard lin.j.isFinite, let l = SymmetricMatrix.cholesky(lin.m, p) else {
            return Mode(eta: eta, information: lin.m, choleskyFactor: [], objective: .infinity, converged: false, iterations: it)
        }
        var ofv = lin.j + Double(s.times.count) * log(2 * Double.pi) + SymmetricMatrix.logDet(cholesky: l, p)
        for k in 0..<p { ofv += log(omega2[k]) }
        return Mode(eta: eta, information: lin.m, choleskyFactor: l, objective: ofv.isFinite ? ofv : .infinity,
                    converged: converged, iterations: it)
    }
}
