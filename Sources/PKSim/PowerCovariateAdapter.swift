import Foundation
import PKData

/// A continuous covariate with a power effect on one named parameter (`PKParameters.scale(named:by:)`):
/// parameter × (value/reference)^exponent. Synthetic values are log-normal (median, logSD) clipped to
/// [minimum, maximum]. Feature: (ln value − ln median)/logSD.
public struct PowerCovariateAdapter: CovariateAdapter, Hashable, Codable {
    public var id: String
    public var covariate: String
    public var parameter: String
    public var exponent: Double
    public var reference: Double
    public var median: Double
    public var logSD: Double
    public var minimum: Double
    public var maximum: Double

    public init(id: String, covariate: String, parameter: String, exponent: Double, reference: Double,
                median: Double? = nil, logSD: Double = 0.3, minimum: Double = 0, maximum: Double = .greatestFiniteMagnitude) {
        self.id = id; self.covariate = covariate; self.parameter = parameter; self.exponent = exponent
        self.reference = reference; self.median = median ?? reference; self.logSD = logSD
        self.minimum = minimum; self.maximum = maximum
    }

    public var covariateNames: [String] { [covariate] }

    public func sampleCovariates(rng: inout SeededGenerator) -> [String: Double] {
        [covariate: min(max(median * exp(logSD * rng.normal()), minimum), maximum)]
    }

    public func applyEffects(to parameters: inout PKParameters, covariates: [String: Double]) {
        guard let x = covariates[covariate], x > 0 else { return }
        parameters.scale(named: parameter, by: pow(x / reference, exponent))
    }

    public func features(_ covariates: [String: Double]) -> [Double] {
        guard let x = covariates[covariate], x > 0 else { return [0] }
        return [(log(x) - log(median)) / max(logSD, 1e-12)]
    }
}
