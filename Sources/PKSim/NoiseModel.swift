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

    public func apply(_ c: Double, rng: inout SeededGenerator) -> Double { apply(c, epsilon: rng.normal()) }

    /// The noisy value for a given standard normal draw ε.
    @inline(__always) public func apply(_ c: Double, epsilon e: Double) -> Double {
        switch self {
        case .none: return c
        case .proportional(let sd): return c * (1 + sd * e)
        case .additive(let sd): return c + sd * e
        case .combined(let p, let a): return c + ((p * c) * (p * c) + a * a).squareRoot() * e
        case .logNormal(let sd): return c * exp(sd * e)
        }
    }
}

/// Which residual error family a prior uses; the SDs are drawn per study from the prior's ranges.
public enum NoiseKind: String, Hashable, Codable, Sendable, CaseIterable {
    case proportional, additive, combined, lognormal
}
