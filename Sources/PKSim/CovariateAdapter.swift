import PKData

/// One or more covariates: their distribution in synthetic populations, their effect on PK parameters in
/// the simulator, and their encoding as network features.
public protocol CovariateAdapter: Sendable {
    /// Stable id, e.g. "weight-allometric".
    var id: String { get }
    /// Covariate names as they appear in `Subject.covariates`, e.g. ["WT"].
    var covariateNames: [String] { get }
    /// A synthetic individual's values.
    func sampleCovariates(rng: inout SeededGenerator) -> [String: Double]
    /// The covariates' effect on an individual's parameters (in the simulator). Missing covariates: no effect.
    func applyEffects(to parameters: inout PKParameters, covariates: [String: Double])
    /// Network features for these covariates, roughly standardised (mean 0, SD 1 under the prior);
    /// a missing covariate → 0 (the network also gets a presence flag, which the model adds itself).
    func features(_ covariates: [String: Double]) -> [Double]
}
