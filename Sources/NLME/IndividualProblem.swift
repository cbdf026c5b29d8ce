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
/// Jacobians exact, by forward-mode dual numbers (`Dual`).
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
        predictions(times: s.times, doses: s.doses, eta: eta)
    }

    /// Predictions at arbitrary times (for forecasts).
    func predictions(times: [Double], doses: [Dose], eta: [Double]) -> [Double] {
        var phi = theta
        for k in 0..<p { phi[k] += eta[k] }
        var out = [Double](repeating: 0, count: times.count)
        CompartmentSolution.predict(structure, phi: phi, oral: oral, doses: doses, times: times, into: &out)
        return out
    }

    /// Predictions and their exact Jacobian ∂f/∂η (forward-mode `Dual`; lane k = η_k).
    func predictionsWithJacobian(_ s: SubjectData, eta: [Double]) -> [Dual] {
        let phi = (0..<p).map { Dual(variable: theta[$0] + eta[$0], index: $0) }
        var out = [Dual](repeating: Dual(0), count: s.times.count)
        CompartmentSolution.predict(structure, phi: phi, oral: oral, doses: s.doses, times: s.times, into: &out)
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
        let fd = predictionsWithJacobian(s, eta: eta)
        let f = fd.map(\.v)
        var g = [Double](repeating: 0, count: n * p)     // g[j*p + k]
        for j in 0..<n { for k in 0..<p { g[j * p + k] = fd[j].d[k] } }
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

    /// ½ ∂²J/∂η² by forward differences (step 1e−7) of the exact gradient ½∇J; symmetrised.
    func exactHalfHessian(_ s: SubjectData, eta: [Double], halfGrad: [Double]) -> [Double] {
        let h = 1e-7
        var hess = [Double](repeating: 0, count: p * p)
        for k in 0..<p {
            var e = eta; e[k] += h
            let g = linearise(s, eta: e).halfGrad
            for i in 0..<p { hess[i * p + k] = (g[i] - halfGrad[i]) / h }
        }
        for i in 0..<p { for k in 0..<i { let v = (hess[i * p + k] + hess[k * p + i]) / 2; hess[i * p + k] = v; hess[k * p + i] = v } }
        return hess
    }

    /// The conditional mode from `start`, and the subject's OFV contribution there. Fisher-scoring steps
    /// (with M) while far; once the step is below 1e−3, Newton steps with the exact Hessian (when positive
    /// definite) for quadratic convergence; stops when the ∞-norm step is below 1e−10.
    func mode(_ s: SubjectData, start: [Double], maxIterations: Int = 100) -> Mode {
        var eta = start
        var lin = linearise(s, eta: eta)
        if !lin.j.isFinite { eta = [Double](repeating: 0, count: p); lin = linearise(s, eta: eta) }
        var converged = false
        var it = 0
        // A warm start (non-zero) is usually within Newton's reach already.
        var lastStep = start.contains { $0 != 0 } ? 0 : Double.infinity
        while it < maxIterations {
            it += 1
            guard let gn = SymmetricMatrix.cholesky(lin.m, p) else { break }
            var step = SymmetricMatrix.solve(cholesky: gn, p, lin.halfGrad).map { -$0 }
            if (step.map(abs).max() ?? 0) < 1e-10 { converged = true; break }
            if lastStep < 1e-3, let exact = SymmetricMatrix.cholesky(exactHalfHessian(s, eta: eta, halfGrad: lin.halfGrad), p) {
                step = SymmetricMatrix.solve(cholesky: exact, p, lin.halfGrad).map { -$0 }
            }
            var slope = 0.0
            for k in 0..<p { slope += 2 * lin.halfGrad[k] * step[k] }
            var t = 1.0, accepted = false, newEta = eta
            for _ in 0..<40 {
                for k in 0..<p { newEta[k] = eta[k] + t * step[k] }
                let jn = conditionalObjective(s, eta: newEta)
                if jn <= lin.j + 1e-4 * t * slope || (jn.isFinite && abs(jn - lin.j) < 1e-13 * max(abs(lin.j), 1)) {
                    accepted = true; break
                }
                t *= 0.5
            }
            if !accepted { converged = lin.halfGrad.map(abs).max() ?? 0 < 1e-6; break }
            lastStep = step.map { abs($0 * t) }.max() ?? 0
            eta = newEta
            lin = linearise(s, eta: eta)
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
