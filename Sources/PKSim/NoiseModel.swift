import Foundation
import PKData

/// Residual error on a concentration c (ε ~ N(0, 1)):
/// proportional c·(1 + sd·ε); additive c + sd·ε; combined c + √((prop·c)² + add²)·ε; log-normal c·e^{sd·ε}.
public enum NoiseModel: Hashable, Codable, Sendable {
    case none
    case proportional(sd: Double)
    case additive(sd: Double)
    case combined(proportional: Double, additive: Double)
    case logNormal(sd: Double)

    public func apply(_ c: Double, rng: inout SeededGenerator) -> Double {
        switch self {
        case .none: return c
        case .proportional(let sd): return c * (1 + sd * rng.normal())
        case .additive(let sd): return c + sd * rng.normal()
        case .combined(let p, let a): return c + ((p * c) * (p * c) + a * a).squareRoot() * rng.normal()
        case .logNormal(let sd): return c * exp(sd * rng.normal())
        }
    }
}

/// Which residual error family a prior uses; the SDs are drawn per study from the prior's ranges.
public enum NoiseKind: String, Hashable, Codable, Sendable, CaseIterable {
    case proportional, additive, combined, lognormal
}
