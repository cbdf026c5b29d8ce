import Foundation
import PKData

/// Initial population values from a non-compartmental analysis of each subject (first dose only: the
/// observations before the second dose), or of the pooled data when no subject allows it.
///
/// Per subject with ≥ 3 positive post-dose observations: λz = −slope of the log-linear regression over the
/// last 3 (must be > 0); AUC₀–last by the linear trapezoid from the dose (starting at 0 for oral and
/// infusion, at the back-extrapolated C₀ of the first two points for an IV bolus), AUC∞ = AUC₀–last +
/// C_last / λz; CL = dose / AUC∞; V_z = CL / λz; t_max → ka solving ln(ka/ke)/(ka − ke) = t_max (ka > ke,
/// bisection; 10·λz when t_max is the first sample); V1 (2-cpt) = dose / C₀ for an IV bolus, V_z / 2
/// otherwise. Population values: medians of the individual logs; ω: SD of the individual logs clamped to
/// [0.2, 1] (0.5 when fewer than 3 subjects); residual start: a = 0.1 × median concentration, b = 0.15.
struct NCAStart {
    var ke: Double, cl: Double, ka: Double, v1: Double, vz: Double
    var omega: Double
    var additive: Double, proportional: Double

    /// Starts from each subject's first-dose profile or, when no subject has 3 positive observations
    /// before its second dose (sparse or multiple-dose designs), from `pooledProfile`: all subjects'
    /// observations pooled on time after their last dose.
    init?(subjects: [SubjectData]) {
        let profiles = subjects.compactMap { s -> (dose: Dose, points: [(Double, Double)])? in
            guard let first = s.doses.first else { return nil }
            let end = s.doses.dropFirst().first?.time ?? .infinity
            return (first, zip(s.times, s.values).filter { $0.0 > first.time && $0.0 <= end && $0.1 > 0 })
        }
        let concentrations = subjects.flatMap { $0.values.filter { $0 > 0 } }
        if let start = NCAStart(profiles: profiles, concentrations: concentrations) { self = start; return }
        guard let pooled = Self.pooledProfile(subjects) else { return nil }
        self.init(profiles: [pooled], concentrations: concentrations)
    }

    /// One profile from every subject's positive observations after a dose: time after the most recent dose,
    /// concentration × (reference dose / that dose), geometric means over up to 8 bins of equal count. The
    /// reference dose is the median first dose of the most common first-dose route. Accumulation is
    /// ignored: these are starting values only.
    static func pooledProfile(_ subjects: [SubjectData]) -> (dose: Dose, points: [(Double, Double)])? {
        var points: [(Double, Double)] = [], firsts: [Dose] = []
        for s in subjects {
            if let first = s.doses.first { firsts.append(first) }
            for (t, c) in zip(s.times, s.values) where c > 0 {
                guard let last = s.doses.last(where: { $0.time < t }), last.amount > 0 else { continue }
                points.append((t - last.time, c / last.amount))
            }
        }
        let routes = Dictionary(grouping: firsts, by: { $0.route == .oral ? "oral" : $0.duration > 0 ? "infusion" : "bolus" })
        // Most common route; ties by name, so the start never depends on dictionary order.
        guard points.count >= 3, let common = routes.max(by: { ($0.value.count, $1.key) < ($1.value.count, $0.key) })?.value else { return nil }
        var dose = common.sorted { $0.amount < $1.amount }[common.count / 2]
        dose.time = 0
        points.sort { $0.0 < $1.0 }
        let bins = min(8, points.count)
        let profile = (0..<bins).map { b -> (Double, Double) in
            let part = points[(b * points.count / bins)..<((b + 1) * points.count / bins)]
            return (part.reduce(0) { $0 + $1.0 } / Double(part.count),
                    dose.amount * exp(part.reduce(0) { $0 + log($1.1) } / Double(part.count)))
        }
        return (dose, profile)
    }

    /// Population starts from first-dose profiles (dose, positive (time, concentration) points after it).
    private init?(profiles: [(dose: Dose, points: [(Double, Double)])], concentrations conc: [Double]) {
        var ke: [Double] = [], cl: [Double] = [], ka: [Double] = [], v1: [Double] = []
        for (first, pts) in profiles {
            guard pts.count >= 3 else { continue }
            let tail = pts.suffix(3)
            let tm = tail.reduce(0) { $0 + $1.0 } / 3, lm = tail.reduce(0) { $0 + log($1.1) } / 3
            var sxy = 0.0, sxx = 0.0
            for (t, c) in tail { sxy += (t - tm) * (log(c) - lm); sxx += (t - tm) * (t - tm) }
            guard sxx > 0, -sxy / sxx > 0 else { continue }
            let lz = -sxy / sxx
            let bolus = first.route == .iv && first.duration == 0
            var c0 = 0.0
            if bolus {
                let (t1, y1) = pts[0], (t2, y2) = pts[1]
                let k = y2 < y1 ? log(y1 / y2) / (t2 - t1) : lz
                c0 = y1 * exp(k * (t1 - first.time))
            }
            var auc = 0.0, tPrev = first.time, cPrev = c0
            for (t, c) in pts { auc += (t - tPrev) * (c + cPrev) / 2; tPrev = t; cPrev = c }
            auc += cPrev / lz
            let dose = first.amount
            guard auc > 0, dose > 0 else { continue }
            let clI = dose / auc
            ke.append(lz); cl.append(clI)
            v1.append(bolus && c0 > 0 ? dose / c0 : clI / lz / 2)
            let tmax = pts.max { $0.1 < $1.1 }!.0 - first.time
            ka.append(tmax <= pts[0].0 - first.time ? 10 * lz : Self.absorptionRate(ke: lz, tmax: tmax))
        }
        guard !ke.isEmpty else { return nil }
        func med(_ x: [Double]) -> Double { exp(Self.median(x.map(log))) }
        func spread(_ x: [Double]) -> Double {
            guard x.count >= 3 else { return 0.5 }
            let l = x.map(log), m = l.reduce(0, +) / Double(l.count)
            let sd = (l.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(l.count - 1)).squareRoot()
            return min(max(sd, 0.2), 1)
        }
        self.ke = med(ke); self.cl = med(cl); self.ka = max(med(ka), 1.1 * med(ke)); self.v1 = med(v1)
        self.vz = self.cl / self.ke
        self.omega = max(spread(ke), spread(cl))
        self.additive = 0.1 * (conc.isEmpty ? 1 : Self.median(conc)); self.proportional = 0.15
    }

    /// ka > ke with ln(ka/ke)/(ka − ke) = tmax (the Bateman peak time); bisection on log ka.
    static func absorptionRate(ke: Double, tmax: Double) -> Double {
        let peak = { (ka: Double) in log(ka / ke) / (ka - ke) }   // decreasing in ka, → 1/ke as ka → ke
        guard tmax < 1 / ke else { return 1.5 * ke }
        var lo = log(ke * 1.0001), hi = log(ke * 1e4)
        if peak(exp(hi)) > tmax { return exp(hi) }
        for _ in 0..<80 { let mid = (lo + hi) / 2; if peak(exp(mid)) > tmax { lo = mid } else { hi = mid } }
        return exp((lo + hi) / 2)
    }

    static func median(_ x: [Double]) -> Double {
        let s = x.sorted(), n = s.count
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2
    }

    /// θ in `Structure.parameterNames(oral:)` order.
    func theta(_ structure: Structure, oral: Bool) -> [Double] {
        switch structure {
        case .oneCompartment: return oral ? [log(ke), log(ka), log(cl)] : [log(ke), log(cl)]
        case .twoCompartment:
            let v2 = max(vz - v1, 0.25 * vz)
            let base = [log(cl), log(v1), log(cl), log(v2)]
            return oral ? base + [log(ka)] : base
        }
    }
}
