/// A fitted population model (FOCE-I maximum likelihood, see `PopulationFitter`).
public struct PopulationFit: Codable, Sendable {
    /// One subject's conditional mode η̂ (empirical Bayes estimate), in `parameters.names` order.
    public struct IndividualEstimate: Codable, Sendable, Hashable {
        public var subject: String
        public var eta: [Double]
        public var converged: Bool
    }

    public var model: NLMEModel
    /// Whether the structural parameters include lKa (the data had oral doses).
    public var oral: Bool
    public var parameters: PopulationParameters
    /// −2 log-likelihood (FOCE-I approximation, constants included).
    public var objective: Double
    /// AIC = objective + 2 × parameterCount.
    public var aic: Double
    /// Estimated parameters: fixed effects + ω's + residual parameters.
    public var parameterCount: Int
    public var subjects: Int
    public var observations: Int
    public var individual: [IndividualEstimate]
    /// The outer optimisation converged (gradient or relative-change criterion) from the best start.
    public var converged: Bool
    public var iterations: Int
    public var starts: Int
    /// Plain-language problems, each naming the subject or parameter.
    public var warnings: [String]
    public var seconds: Double

    func problem() -> IndividualProblem {
        let a = parameters.additiveSD(model.error), b = parameters.proportionalSD(model.error)
        return IndividualProblem(structure: model.structure, oral: oral, theta: parameters.theta,
                                 omega2: parameters.omega.map { $0 * $0 }, a2: a * a, b2: b * b)
    }
}
