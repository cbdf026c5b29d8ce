/// Population estimates on their natural scales.
/// `theta`: fixed effects φ (log-scale structural parameters, see `Structure`); `omega`: SD of each random
/// effect η_k ~ N(0, ω_k²); `sigma`: residual parameters in `ErrorModel.parameterNames` order (a, b).
public struct PopulationParameters: Codable, Sendable, Hashable {
    public var names: [String]
    public var theta: [Double]
    public var omega: [Double]
    public var sigma: [Double]

    /// Additive SD a (0 when the error model has none).
    public func additiveSD(_ e: ErrorModel) -> Double { e.hasAdditive ? sigma[0] : 0 }
    /// Proportional SD b (0 when the error model has none).
    public func proportionalSD(_ e: ErrorModel) -> Double { e.hasProportional ? sigma[sigma.count - 1] : 0 }
}
