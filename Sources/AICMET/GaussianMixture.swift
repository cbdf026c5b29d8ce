import Foundation

/// A finite mixture of univariate Gaussians (weights sum to 1). The predictive distribution of AICMET
/// over normalised log-concentration is such a mixture: over latent samples × decoder components.
public struct GaussianMixture: Sendable, Equatable {
    public var weights: [Double]
    public var means: [Double]
    public var sds: [Double]

    public init(weights: [Double], means: [Double], sds: [Double]) {
        precondition(weights.count == means.count && means.count == sds.count && !weights.isEmpty)
        self.weights = weights; self.means = means; self.sds = sds
    }

    /// Mixture of mixtures (e.g. one per latent sample), with `weights` summing to 1 (equal when nil).
    /// Parts of weight 0 are dropped.
    public static func pooling(_ parts: [GaussianMixture], weights: [Double]? = nil) -> GaussianMixture {
        let w = weights ?? [Double](repeating: 1 / Double(parts.count), count: parts.count)
        let kept = parts.indices.filter { w[$0] > 0 }
        return GaussianMixture(weights: kept.flatMap { i in parts[i].weights.map { $0 * w[i] } },
                               means: kept.flatMap { parts[$0].means }, sds: kept.flatMap { parts[$0].sds })
    }

    public func cdf(_ x: Double) -> Double {
        var total = 0.0
        for i in weights.indices {
            total += weights[i] * 0.5 * erfc(-(x - means[i]) / (sds[i] * 2.0.squareRoot()))
        }
        return total
    }

    public func logDensity(_ x: Double) -> Double {
        var total = 0.0
        for i in weights.indices {
            let z = (x - means[i]) / sds[i]
            total += weights[i] * exp(-0.5 * z * z) / (sds[i] * (2 * Double.pi).squareRoot())
        }
        return log(total)
    }

    /// The p-quantile, by bisection on the CDF to |Δx| < 1e-9 (p in (0, 1)).
    public func quantile(_ p: Double) -> Double {
        var lo = zip(means, sds).map { $0 - 12 * $1 }.min()!
        var hi = zip(means, sds).map { $0 + 12 * $1 }.max()!
        for _ in 0..<200 where hi - lo > 1e-9 {
            let mid = 0.5 * (lo + hi)
            if cdf(mid) < p { lo = mid } else { hi = mid }
        }
        return 0.5 * (lo + hi)
    }

    /// The law of center + factor · (X − center): every quantile's distance to `center` times `factor` (> 0).
    public func scaled(about center: Double, by factor: Double) -> GaussianMixture {
        precondition(factor > 0)
        return GaussianMixture(weights: weights, means: means.map { center + factor * ($0 - center) }, sds: sds.map { factor * $0 })
    }

    public var mean: Double { zip(weights, means).reduce(0) { $0 + $1.0 * $1.1 } }

    /// E[exp(X)]: the mean on the concentration scale when X is a log-concentration.
    public var meanOfExp: Double {
        weights.indices.reduce(0) { $0 + weights[$1] * exp(means[$1] + 0.5 * sds[$1] * sds[$1]) }
    }
}
