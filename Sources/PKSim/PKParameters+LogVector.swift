import Foundation

/// The positive parameters that vary between and within individuals, as a flat vector of logs:
/// [ka, ke, V, k1p_1, kp1_1, …, k1p_P, kp1_P, (kem, Vm when a metabolite is present)].
/// `f`, `lag` and `fm` are not part of it (they stay fixed per individual).
extension PKParameters {
    /// Names of the log-parameter vector's entries, e.g. ["ka", "ke", "V", "k12", "k21", "kem", "Vm"].
    public var logParameterNames: [String] {
        var names = ["ka", "ke", "V"]
        for j in peripherals.indices { names += ["k1\(j + 2)", "k\(j + 2)1"] }
        if metabolite != nil { names += ["kem", "Vm"] }
        return names
    }

    public var logParameterCount: Int { 3 + 2 * peripherals.count + (metabolite == nil ? 0 : 2) }

    public var logParameters: [Double] {
        var x = [log(ka), log(ke), log(v)]
        x.reserveCapacity(logParameterCount)
        for p in peripherals { x.append(log(p.k1p)); x.append(log(p.kp1)) }
        if let m = metabolite { x.append(log(m.kem)); x.append(log(m.vm)) }
        return x
    }

    /// Sets the parameters from a log vector of `logParameterCount` entries (same layout as `logParameters`).
    public mutating func setLogParameters(_ x: [Double]) {
        precondition(x.count == logParameterCount, "log-parameter vector has \(x.count) entries, expected \(logParameterCount)")
        ka = exp(x[0]); ke = exp(x[1]); v = exp(x[2])
        for j in peripherals.indices {
            peripherals[j].k1p = exp(x[3 + 2 * j]); peripherals[j].kp1 = exp(x[4 + 2 * j])
        }
        if metabolite != nil {
            let k = 3 + 2 * peripherals.count
            metabolite!.kem = exp(x[k]); metabolite!.vm = exp(x[k + 1])
        }
    }

    /// A copy with the log-parameters replaced.
    public func withLogParameters(_ x: [Double]) -> PKParameters {
        var p = self; p.setLogParameters(x); return p
    }
}
