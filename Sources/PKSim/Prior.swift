import PKData

/// A generative prior over PK studies (the synthetic training data of AICMET).
public protocol Prior: Sendable {
    /// Stable id, e.g. "one-compartment".
    var id: String { get }
    /// One line for `prior list`.
    var summary: String { get }
    /// One synthetic study of `subjects` individuals: explicit doses, noisy observations (output 0 =
    /// parent, 1 = metabolite), covariates (named as the adapters name them). Deterministic given rng.
    func sampleStudy(subjects: Int, rng: inout SeededGenerator) -> Study
    /// The covariate adapters whose covariates the prior's studies may carry (for the network's covariate
    /// features). Default: none.
    var covariateAdapters: [any CovariateAdapter] { get }
}

extension Prior {
    public var covariateAdapters: [any CovariateAdapter] { [] }
}
