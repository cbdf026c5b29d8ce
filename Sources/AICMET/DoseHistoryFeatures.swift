import Foundation
import PKData

/// Features of the dosing history at a time t, in normalised units (times / scaling.time, amounts /
/// scaling.dose). For each route r ∈ {oral (depot), iv (central)} and each rate λ_j of `rates`:
///     f_{r,j}(t) = Σ_{doses d of route r} a_d · h_j(t − t_d, τ_d)
/// with h_j(Δ, 0) = exp(−λ_j Δ) for a bolus and, for a zero-order infusion of duration τ,
/// h_j(Δ, τ) = (1 − exp(−λ_j min(Δ, τ))) / (λ_j τ) · exp(−λ_j max(Δ − τ, 0)); h = 0 for Δ < 0.
/// These are the superposition bases of linear compartment models, so multiple doses, infusions and
/// steady state reach the network in the form its linear layers combine best. Then: time since the
/// last dose (0 when none), a flag "a dose was given before t", and the number of doses so far / 10.
public enum DoseHistoryFeatures {
    /// Rates per unit of normalised time: half-lives from ~1.4 to ~0.01 of the context's horizon.
    public static let rates: [Double] = [0.5, 1, 2, 4, 8, 16, 32, 64]
    public static var count: Int { 2 * rates.count + 3 }

    /// Appends `count` features for time `t` (raw units) to `out`. `doses` sorted by time (raw units).
    public static func append(at t: Double, doses: [Dose], scaling: StudyScaling, to out: inout [Float]) {
        let start = out.count
        out.append(contentsOf: repeatElement(0, count: count))
        var lastDose: Double? = nil
        var given = 0
        for dose in doses where dose.time <= t {
            let delta = (t - dose.time) / scaling.time
            let tau = dose.duration / scaling.time
            let amount = dose.amount / scaling.dose
            let base = start + (dose.route == .oral ? 0 : rates.count)
            for (j, lambda) in rates.enumerated() {
                let h: Double
                if tau > 1e-9 {
                    h = (1 - exp(-lambda * min(delta, tau))) / (lambda * tau) * exp(-lambda * max(delta - tau, 0))
                } else {
                    h = exp(-lambda * delta)
                }
                out[base + j] += Float(amount * h)
            }
            if dose.steadyState && dose.interval > 0 {
                // Earlier doses of a steady-state regimen: the geometric series of the bolus bases.
                let ii = dose.interval / scaling.time
                for (j, lambda) in rates.enumerated() {
                    let r = exp(-lambda * ii)
                    out[base + j] += Float(amount * exp(-lambda * delta) * r / (1 - r))
                }
            }
            lastDose = dose.time
            given += 1
        }
        let tail = start + 2 * rates.count
        if let last = lastDose {
            out[tail] = Float((t - last) / scaling.time)
            out[tail + 1] = 1
        }
        out[tail + 2] = Float(given) / 10
    }
}
