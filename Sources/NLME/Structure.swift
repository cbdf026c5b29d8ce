import Foundation
import PKData

/// The structural PK model and its log-scale parameters φ (each individual parameter is exp(φ_k)).
///
/// - `oneCompartment`: φ = (lKe, lKa, lCl) — R's `SSfol` parameterisation (V = Cl/Ke); lKa only when the
///   data have oral doses, so an IV study has φ = (lKe, lCl).
/// - `twoCompartment`: φ = (lCl, lV1, lQ, lV2, lKa), lKa only with oral doses.
public enum Structure: String, Codable, Sendable, CaseIterable {
    case oneCompartment = "1cpt"
    case twoCompartment = "2cpt"

    public func parameterNames(oral: Bool) -> [String] {
        switch self {
        case .oneCompartment: return oral ? ["lKe", "lKa", "lCl"] : ["lKe", "lCl"]
        case .twoCompartment: return oral ? ["lCl", "lV1", "lQ", "lV2", "lKa"] : ["lCl", "lV1", "lQ", "lV2"]
        }
    }

    /// Concentration of the parent at each time in `times`, written into `out` (same count).
    /// `phi` has `parameterNames(oral:).count` entries; `oral` must match how φ was laid out.
    @inline(__always)
    func predict(phi: UnsafePointer<Double>, oral: Bool, doses: [Dose], times: [Double], into out: UnsafeMutablePointer<Double>) {
        switch self {
        case .oneCompartment:
            let ke = exp(phi[0])
            let ka = oral ? exp(phi[1]) : 0
            let cl = exp(oral ? phi[2] : phi[1])
            let v = cl / ke
            for j in times.indices { out[j] = CompartmentSolution.oneCompartment(t: times[j], doses: doses, ke: ke, v: v, ka: ka) }
        case .twoCompartment:
            let cl = exp(phi[0]), v1 = exp(phi[1]), q = exp(phi[2]), v2 = exp(phi[3])
            let ka = oral ? exp(phi[4]) : 0
            for j in times.indices {
                out[j] = CompartmentSolution.twoCompartment(t: times[j], doses: doses, cl: cl, v1: v1, q: q, v2: v2, ka: ka)
            }
        }
    }
}
