import Foundation
import PKData

/// Closed-form concentrations of linear one- and two-compartment models, superposed over doses.
/// (Written inside NLME while PKSim has no closed forms; the lead may deduplicate.)
///
/// Units: times and rate constants in the study's time unit, amounts and volumes consistent with the
/// concentration unit (C = amount / volume). Oral doses enter a depot absorbed with first-order rate ka
/// (bioavailability 1; an oral dose with a duration is rejected upstream); IV doses are a bolus into the
/// central compartment (duration 0) or a zero-order infusion over `duration`. A dose contributes only at
/// times strictly after its administration time (an observation at a dose time is a pre-dose sample).
/// Steady-state doses are not supported (rejected upstream).
enum CompartmentSolution {
    /// (e^{−a τ} − e^{−b τ}) / (b − a), symmetric in a, b, stable as a → b (limit τ e^{−a τ}).
    @inline(__always) static func batemanKernel(_ a: Double, _ b: Double, _ tau: Double) -> Double {
        let lo = min(a, b), hi = max(a, b), d = hi - lo
        if d * tau < 1e-12 { return tau * exp(-lo * tau) }
        return exp(-lo * tau) * -expm1(-d * tau) / d
    }

    /// One compartment, elimination rate ke, volume v, absorption rate ka (oral doses only).
    static func oneCompartment(t: Double, doses: [Dose], ke: Double, v: Double, ka: Double) -> Double {
        var c = 0.0
        for d in doses {
            let tau = t - d.time
            if tau <= 0 { continue }
            switch d.route {
            case .oral:
                c += d.amount * ka / v * batemanKernel(ke, ka, tau)
            case .iv where d.duration > 0:
                let rate = d.amount / d.duration, on = min(tau, d.duration)
                c += rate / (v * ke) * -expm1(-ke * on) * exp(-ke * (tau - on))
            case .iv:
                c += d.amount / v * exp(-ke * tau)
            }
        }
        return c
    }

    /// Two compartments: clearance cl, central volume v1, inter-compartmental clearance q, peripheral
    /// volume v2, absorption rate ka (oral doses only). Macro constants α > β from k10, k12, k21.
    static func twoCompartment(t: Double, doses: [Dose], cl: Double, v1: Double, q: Double, v2: Double, ka: Double) -> Double {
        let k10 = cl / v1, k12 = q / v1, k21 = q / v2
        let sum = k10 + k12 + k21
        let disc = max(sum * sum - 4 * k10 * k21, 0).squareRoot()
        let alpha = (sum + disc) / 2, beta = k10 * k21 / alpha
        let ab = max(alpha - beta, 1e-12 * alpha)
        let ca = (alpha - k21) / ab, cb = (k21 - beta) / ab          // bolus weights, ca + cb = 1
        var kaUsed = ka
        if abs(kaUsed - alpha) < 1e-9 * alpha || abs(kaUsed - beta) < 1e-9 * beta { kaUsed *= 1 + 1e-6 }
        var c = 0.0
        for d in doses {
            let tau = t - d.time
            if tau <= 0 { continue }
            switch d.route {
            case .oral:
                let a = (k21 - alpha) / ((kaUsed - alpha) * (beta - alpha))
                let b = (k21 - beta) / ((kaUsed - beta) * (alpha - beta))
                let g = (k21 - kaUsed) / ((alpha - kaUsed) * (beta - kaUsed))
                c += d.amount * kaUsed / v1 * (a * exp(-alpha * tau) + b * exp(-beta * tau) + g * exp(-kaUsed * tau))
            case .iv where d.duration > 0:
                let rate = d.amount / d.duration, on = min(tau, d.duration), off = tau - on
                c += rate / v1 * (ca / alpha * -expm1(-alpha * on) * exp(-alpha * off)
                                  + cb / beta * -expm1(-beta * on) * exp(-beta * off))
            case .iv:
                c += d.amount / v1 * (ca * exp(-alpha * tau) + cb * exp(-beta * tau))
            }
        }
        return c
    }
}
