import Foundation
import PKData

/// A categorical covariate (values = level codes, e.g. SEX 0/1) with a multiplicative effect on one named
/// parameter: parameter × factors[k] for level k. Synthetic levels drawn with `probabilities`.
/// Features: one per level after the first (the reference), the indicator standardised under the prior,
/// (1[level = k] − p_k)/√(p_k(1 − p_k)); missing or unknown level → zeros.
public struct CategoricalCovariateAdapter: CovariateAdapter, Hashable, Codable {
    public var id: String
    public var covariate: String
    public var parameter: String
    public var levels: [Double]
    public var probabilities: [Double]
    public var factors: [Double]

    public init(id: String, covariate: String, parameter: String, levels: [Double], probabilities: [Double], factors: [Double]) {
        self.id = id; self.covariate = covariate; self.parameter = parameter
        self.levels = levels; self.probabilities = probabilities; self.factors = factors
    }

    public var covariateNames: [String] { [covariate] }

    public func sampleCovariates(rng: inout SeededGenerator) -> [String: Double] {
        [covariate: levels[rng.pick(probabilities)]]
    }

    public func applyEffects(to parameters: inout PKParameters, covariates: [String: Double]) {
        guard let x = covariates[covariate], let k = levels.firstIndex(of: x) else { return }
        parameters.scale(named: parameter, by: factors[k])
    }

    public func features(_ covariates: [String: Double]) -> [Double] {
        let total = probabilities.reduce(0, +)
        let k = covariates[covariate].flatMap { levels.firstIndex(of: $0) }
        return (1..<levels.count).map { j in
            guard let k else { return 0 }
            let p = probabilities[j] / total
            guard p > 0 && p < 1 else { return 0 }
            return ((k == j ? 1 : 0) - p) / (p * (1 - p)).squareRoot()
        }
    }
}
