/// The residual error: Var(y_j | η) = a² + b² f_j², f_j the individual prediction.
/// `combined` estimates a (additive SD) and b (proportional SD); `additive` fixes b = 0 (R nlme's default,
/// homoscedastic); `proportional` fixes a = 0.
public enum ErrorModel: String, Codable, Sendable, CaseIterable {
    case additive, proportional, combined

    public var hasAdditive: Bool { self != .proportional }
    public var hasProportional: Bool { self != .additive }
    /// Names of the estimated residual parameters, in the order of `PopulationParameters.sigma`.
    public var parameterNames: [String] {
        switch self {
        case .additive: return ["a"]
        case .proportional: return ["b"]
        case .combined: return ["a", "b"]
        }
    }
}
