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
}
