import Foundation
import PKData

/// Textbook closed-form parent concentrations of one- and two-compartment models with constant
/// parameters (macro-constants α > β for two compartments), summed over doses (superposition):
/// bolus into central (IV), first-order absorption (oral, with F and lag), zero-order infusion (IV, or
/// into the gut over an oral dose's duration or the subject's `absorptionDuration`), and steady-state doses
/// (`Dose.steadyState`, interval II: the infinite train of earlier doses summed as a geometric series; bolus
/// and oral only). Independent of `LinearPropagator` and RK45,
/// against which it is tested. Requires P ≤ 1 and distinct rates (ka ≠ ke, ka ≠ α, β).
public enum ClosedForm {
    /// Concentration at each of `times` (a dose at exactly time t counts as given after a sample at t).
    public static func concentrations(_ p: PKParameters, doses: [Dose], times: [Double]) -> [Double] {
        precondition(p.peripherals.count <= 1, "ClosedForm: one or two compartments only")
        return times.map { t in doses.reduce(0) { $0 + concentration(p, dose: $1, at: t) } }
    }

    /// (rate, coefficient) pairs of the unit-bolus response in central concentration: Σ c·e^{−r t}.
    static func boluseModes(_ p: PKParameters) -> [(r: Double, c: Double)] {
        if p.peripherals.isEmpty { return [(p.ke, 1 / p.v)] }
        let k12 = p.peripherals[0].k1p, k21 = p.peripherals[0].kp1
        let s = p.ke + k12 + k21, prod = p.ke * k21
        let disc = (s * s - 4 * prod).squareRoot()
        let alpha = (s + disc) / 2, beta = prod / alpha
        return [(alpha, (alpha - k21) / ((alpha - beta) * p.v)), (beta, (k21 - beta) / ((alpha - beta) * p.v))]
    }

    /// One dose's contribution at time t.
    public static func concentration(_ p: PKParameters, dose: Dose, at t: Double) -> Double {
        let oral = dose.route == .oral
        let start = dose.time + (oral ? p.lag : 0)
        let amount = dose.amount * (oral ? p.f : 1)
        let modes = boluseModes(p)
        let tau = dose.steadyState ? dose.interval : 0
        // Geometric factor of the steady-state train for a rate r: 1/(1 − e^{−rτ}).
        func ss(_ r: Double) -> Double { tau > 0 ? 1 / (1 - exp(-r * tau)) : 1 }
        if !dose.steadyState && t <= start { return 0 }
        // Time since the most recent dose of the train (for SS doses before `start`, the train's earlier doses).
        var s = t - start
        if dose.steadyState && tau > 0 && s <= 0 { s = s.truncatingRemainder(dividingBy: tau) + tau; if s > tau { s -= tau } }
        let duration = p.inputDuration(of: dose)
        if duration > 0 {
            precondition(!dose.steadyState, "ClosedForm: steady-state infusions are not supported")
            let rate = amount / duration, T = duration
            if !oral {
                // ∫ rate·c·e^{−r(s−u)} du over the infusion.
                return modes.reduce(0) { acc, m in
                    let shape = s <= T ? (1 - exp(-m.r * s)) / m.r : (1 - exp(-m.r * T)) / m.r * exp(-m.r * (s - T))
                    return acc + rate * m.c * shape
                }
            }
            // Zero-order input into the gut: gut drains at ka into central.
            let ka = p.ka
            return modes.reduce(0) { acc, m in
                // response of the mode to a unit rate into gut for duration T: ka·∫∫ …
                func unitStep(_ x: Double) -> Double {   // response at x to a unit rate starting at 0
                    guard x > 0 else { return 0 }
                    return ka * ((1 - exp(-m.r * x)) / (m.r * ka) - (exp(-m.r * x) - exp(-ka * x)) / (ka * (ka - m.r)))
                }
                return acc + rate * m.c * (unitStep(s) - unitStep(s - T))
            }
        }
        if !oral {
            return modes.reduce(0) { $0 + amount * $1.c * exp(-$1.r * s) * ss($1.r) }
        }
        let ka = p.ka
        return modes.reduce(0) { acc, m in
            acc + amount * ka * m.c / (ka - m.r) * (exp(-m.r * s) * ss(m.r) - exp(-ka * s) * ss(ka))
        }
    }

    /// Steady-state trough (just before a dose) of repeated doses `amount` every `tau`.
    public static func steadyStateTrough(_ p: PKParameters, amount: Double, tau: Double, route: DoseRoute) -> Double {
        let d = Dose(time: 0, amount: amount, route: route, steadyState: true, interval: tau)
        return concentration(p, dose: d, at: tau)
    }
}
