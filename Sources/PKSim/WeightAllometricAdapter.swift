import Foundation
import PKData

/// Body weight with allometric effects: every clearance × (WT/ref)^clearanceExponent, every volume ×
/// (WT/ref)^volumeExponent (defaults 0.75 and 1). Synthetic weights are log-normal (median, log-SD).
/// Feature: (ln WT − ln median)/logSD.
public struct WeightAllometricAdapter: CovariateAdapter, Hashable, Codable {
    public var id: String
    public var covariate: String
    public var reference: Double
    public var clearanceExponent: Double
    public var volumeExponent: Double
    public var median: Double
    public var logSD: Double
    /// Sampled weights are clipped to [minimum, maximum].
    public var minimum: Double
    public var maximum: Double

    public init(id: String = "weight-allometric", covariate: String = "WT", reference: Double = 70,
                clearanceExponent: Double = 0.75, volumeExponent: Double = 1, median: Double = 70,
                logSD: Double = 0.2, minimum: Double = 3, maximum: Double = 250) {
        self.id = id; self.covariate = covariate; self.reference = reference
        self.clearanceExponent = clearanceExponent; self.volumeExponent = volumeExponent
        self.median = median; self.logSD = logSD; self.minimum = minimum; self.maximum = maximum
    }

    public var covariateNames: [String] { [covariate] }

    public func sampleCovariates(rng: inout SeededGenerator) -> [String: Double] {
        let w = median * exp(logSD * rng.normal())
        return [covariate: min(max(w, minimum), maximum)]
    }

    public func applyEffects(to parameters: inout PKParameters, covariates: [String: Double]) {
        guard let w = covariates[covariate], w > 0 else { return }
        let r = w / reference
        parameters.scale(clearance: pow(r, clearanceExponent), volume: pow(r, volumeExponent))
    }

    public func features(_ covariates: [String: Double]) -> [Double] {
        guard let w = covariates[covariate], w > 0 else { return [0] }
        return [(log(w) - log(median)) / logSD]
    }
}
