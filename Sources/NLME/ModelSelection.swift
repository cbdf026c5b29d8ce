/// The population fits of the candidate models on one context and the one chosen by AIC.
public struct ModelSelection: Codable, Sendable {
    /// The fit with the lowest AIC among the candidates that could be fitted.
    public var chosen: PopulationFit
    /// Every fitted candidate, in candidate order.
    public var fits: [PopulationFit]
    /// Candidates that could not be fitted: model name → error message.
    public var failures: [String: String]

    /// "1cpt-combined AIC 321.4 · 2cpt-combined AIC 318.2 → 2cpt-combined"
    public var summary: String {
        fits.map { "\($0.model.name) AIC \(String(format: "%.1f", $0.aic))" }.joined(separator: " · ") + " → \(chosen.model.name)"
    }
}
