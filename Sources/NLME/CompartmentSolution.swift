import Foundation
import PKData

/// Closed-form concentrations (with `PKScalar` / `Dual` below: exact Jacobians by forward mode) of linear one- and two-compartment models, superposed over doses, generic
/// over `PKScalar` (plain values, or `Dual` for exact Jacobians).
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
    @inline(__always) static func batemanKernel<T: PKScalar>(_ a: T, _ b: T, _ tau: Double) -> T {
        let (lo, hi) = a.value <= b.value ? (a, b) : (b, a)
        let d = hi - lo
        let t = T(tau)
        if d.value * tau < 1e-12 { return t * T.exp(-lo * t) }
        return T.exp(-lo * t) * -T.expm1(-d * t) / d
    }

    /// One compartment, elimination rate ke, volume v, absorption rate ka (oral doses only).
    @inline(__always)
    static func oneCompartment<T: PKScalar>(t: Double, doses: [Dose], ke: T, v: T, ka: T) -> T {
        var c = T(0)
        for d in doses {
            let tau = t - d.time
            if tau <= 0 { continue }
            switch d.route {
            case .oral:
                c = c + T(d.amount) * ka / v * batemanKernel(ke, ka, tau)
            case .iv where d.duration > 0:
                let on = min(tau, d.duration)
                c = c + T(d.amount / d.duration) / (v * ke) * -T.expm1(-ke * T(on)) * T.exp(-ke * T(tau - on))
            case .iv:
                c = c + T(d.amount) / v * T.exp(-ke * T(tau))
            }
        }
        return c
    }

    /// Two compartments: clearance cl, central volume v1, inter-compartmental clearance q, peripheral
    /// volume v2, absorption rate ka (oral doses only). Macro constants α > β from k10, k12, k21.
    @inline(__always)
    static func twoCompartment<T: PKScalar>(t: Double, doses: [Dose], cl: T, v1: T, q: T, v2: T, ka: T) -> T {
        let k10 = cl / v1, k12 = q / v1, k21 = q / v2
        let sum = k10 + k12 + k21
        var discSq = sum * sum - T(4) * k10 * k21
        if discSq.value < 1e-300 { discSq = T(1e-300) }
        let alpha = (sum + T.sqrt(discSq)) / T(2), beta = k10 * k21 / alpha
        let ab = alpha - beta
        let ca = (alpha - k21) / ab, cb = (k21 - beta) / ab          // bolus weights, ca + cb = 1
        var kaUsed = ka
        if abs(ka.value - alpha.value) < 1e-7 * alpha.value || abs(ka.value - beta.value) < 1e-7 * beta.value {
            kaUsed = ka * T(1 + 1e-5)
        }
        var c = T(0)
        for d in doses {
            let tau = t - d.time
            if tau <= 0 { continue }
            let tt = T(tau)
            switch d.route {
            case .oral:
                let a = (k21 - alpha) / ((kaUsed - alpha) * (beta - alpha))
                let b = (k21 - beta) / ((kaUsed - beta) * (alpha - beta))
                let g = (k21 - kaUsed) / ((alpha - kaUsed) * (beta - kaUsed))
                c = c + T(d.amount) * kaUsed / v1 * (a * T.exp(-alpha * tt) + b * T.exp(-beta * tt) + g * T.exp(-kaUsed * tt))
            case .iv where d.duration > 0:
                let on = T(min(tau, d.duration)), off = T(tau - min(tau, d.duration))
                let wa = ca / alpha * -T.expm1(-alpha * on) * T.exp(-alpha * off)
                let wb = cb / beta * -T.expm1(-beta * on) * T.exp(-beta * off)
                c = c + T(d.amount / d.duration) / v1 * (wa + wb)
            case .iv:
                c = c + T(d.amount) / v1 * (ca * T.exp(-alpha * tt) + cb * T.exp(-beta * tt))
            }
        }
        return c
    }

    /// Concentration of the parent under `structure` at each time in `times`, written into `out` (same count).
    /// `phi` has `parameterNames(oral:).count` entries; `oral` must match how φ was laid out. With `Dual`
    /// entries (see `Dual(variable:index:)`) the outputs carry ∂f/∂φ.
    @inline(__always)
    static func predictGeneric<T: PKScalar>(_ structure: Structure, phi: [T], oral: Bool, doses: [Dose], times: [Double], into out: inout [T]) {
        switch structure {
        case .oneCompartment:
            let ke = T.exp(phi[0])
            let ka = oral ? T.exp(phi[1]) : T(0)
            let cl = T.exp(oral ? phi[2] : phi[1])
            let v = cl / ke
            for j in times.indices { out[j] = oneCompartment(t: times[j], doses: doses, ke: ke, v: v, ka: ka) }
        case .twoCompartment:
            let cl = T.exp(phi[0]), v1 = T.exp(phi[1]), q = T.exp(phi[2]), v2 = T.exp(phi[3])
            let ka = oral ? T.exp(phi[4]) : T(0)
            for j in times.indices {
                out[j] = twoCompartment(t: times[j], doses: doses, cl: cl, v1: v1, q: q, v2: v2, ka: ka)
            }
        }
    }

    /// Entry points, specialised in this file (generic code specialises only within its file in non-WMO
    /// builds, which is why `Dual` lives here too).
    static func predict(_ structure: Structure, phi: [Double], oral: Bool, doses: [Dose], times: [Double], into out: inout [Double]) {
        predictGeneric(structure, phi: phi, oral: oral, doses: doses, times: times, into: &out)
    }

    static func predict(_ structure: Structure, phi: [Dual], oral: Bool, doses: [Dose], times: [Double], into out: inout [Dual]) {
        predictGeneric(structure, phi: phi, oral: oral, doses: doses, times: times, into: &out)
    }
}


/// The arithmetic the closed-form solutions need, so they run on `Double` (values) and on `Dual`
/// (values + exact first derivatives with respect to the log-parameters, forward mode).
protocol PKScalar {
    init(_ x: Double)
    var value: Double { get }
    static func + (a: Self, b: Self) -> Self
    static func - (a: Self, b: Self) -> Self
    static func * (a: Self, b: Self) -> Self
    static func / (a: Self, b: Self) -> Self
    static prefix func - (a: Self) -> Self
    static func exp(_ x: Self) -> Self
    static func expm1(_ x: Self) -> Self
    static func sqrt(_ x: Self) -> Self
}

extension Double: PKScalar {
    @inline(__always) var value: Double { self }
    @inline(__always) static func exp(_ x: Double) -> Double { Foundation.exp(x) }
    @inline(__always) static func expm1(_ x: Double) -> Double { Foundation.expm1(x) }
    @inline(__always) static func sqrt(_ x: Double) -> Double { x.squareRoot() }
}

/// Five partial derivatives (the most structural parameters any model has), stored inline.
struct Partials {
    var a: Double, b: Double, c: Double, d: Double, e: Double
    static let zero = Partials(a: 0, b: 0, c: 0, d: 0, e: 0)
    @inline(__always) subscript(k: Int) -> Double {
        get { switch k { case 0: return a; case 1: return b; case 2: return c; case 3: return d; default: return e } }
        set { switch k { case 0: a = newValue; case 1: b = newValue; case 2: c = newValue; case 3: d = newValue; default: e = newValue } }
    }
    @inline(__always) static func + (x: Partials, y: Partials) -> Partials {
        Partials(a: x.a + y.a, b: x.b + y.b, c: x.c + y.c, d: x.d + y.d, e: x.e + y.e)
    }
    @inline(__always) static func - (x: Partials, y: Partials) -> Partials {
        Partials(a: x.a - y.a, b: x.b - y.b, c: x.c - y.c, d: x.d - y.d, e: x.e - y.e)
    }
    @inline(__always) static func * (s: Double, x: Partials) -> Partials {
        Partials(a: s * x.a, b: s * x.b, c: s * x.c, d: s * x.d, e: s * x.e)
    }
    /// s·x + t·y
    @inline(__always) static func combine(_ s: Double, _ x: Partials, _ t: Double, _ y: Partials) -> Partials {
        Partials(a: s * x.a + t * y.a, b: s * x.b + t * y.b, c: s * x.c + t * y.c, d: s * x.d + t * y.d, e: s * x.e + t * y.e)
    }
}

/// A dual number: value v and gradient d with respect to up to 5 variables (unused partials stay 0).
struct Dual: PKScalar {
    var v: Double
    var d: Partials

    @inline(__always) init(_ x: Double) { v = x; d = .zero }
    @inline(__always) init(_ v: Double, _ d: Partials) { self.v = v; self.d = d }
    /// The k-th independent variable (k < 5) with value x.
    @inline(__always) init(variable x: Double, index k: Int) { v = x; d = .zero; d[k] = 1 }

    @inline(__always) var value: Double { v }
    @inline(__always) static func + (a: Dual, b: Dual) -> Dual { Dual(a.v + b.v, a.d + b.d) }
    @inline(__always) static func - (a: Dual, b: Dual) -> Dual { Dual(a.v - b.v, a.d - b.d) }
    @inline(__always) static func * (a: Dual, b: Dual) -> Dual { Dual(a.v * b.v, .combine(b.v, a.d, a.v, b.d)) }
    @inline(__always) static func / (a: Dual, b: Dual) -> Dual {
        let q = a.v / b.v, r = 1 / b.v
        return Dual(q, .combine(r, a.d, -q * r, b.d))
    }
    @inline(__always) static prefix func - (a: Dual) -> Dual { Dual(-a.v, -1 * a.d) }
    @inline(__always) static func exp(_ x: Dual) -> Dual { let e = Foundation.exp(x.v); return Dual(e, e * x.d) }
    @inline(__always) static func expm1(_ x: Dual) -> Dual { Dual(Foundation.expm1(x.v), Foundation.exp(x.v) * x.d) }
    @inline(__always) static func sqrt(_ x: Dual) -> Dual { let s = x.v.squareRoot(); return Dual(s, (0.5 / s) * x.d) }
}
