import Foundation

/// The target's latent posterior with the study population as its prior (empirical Bayes).
///
/// The amortized posterior q(z | D) was trained against the prior N(0, I), so q(z | D) / N(z; 0, I) is the
/// encoder's summary of the likelihood of D. Multiplying it by the population prior — the equal mixture
/// of the context subjects' posteriors N(m_j, diag s_j²) — gives a mixture of diagonal Gaussians in
/// closed form, per dimension:
///     precision a_j = 1/s_j² + 1/σ² − 1,   mean M_j = (m_j/s_j² + μ/σ²) / a_j,
///     log weight_j = Σ_d [ −½ log s_j² − ½ log a_j + ½ (b_j²/a_j − c_j) ] (then normalised),
/// with b_j = m_j/s_j² + μ/σ², c_j = m_j²/s_j² (+ μ²/σ², common to all j). A dimension where σ² ≥ 1 (q no narrower than its
/// prior) carries no information and is left to the population, which keeps every a_j > 0. With nothing
/// given (q = N(0, I)) the result is the population mixture itself. A likelihood weight w (a power
/// likelihood, (q/N)^w) multiplies the likelihood's precision 1/σ² − 1 and its pull μ/σ² by w: w < 1
/// trusts the given points less than the encoder does.
public struct PopulationPosterior: Equatable, Sendable {
    /// Component means and log-variances, [components × dimension] row-major.
    public var means: [Double]
    public var logVars: [Double]
    /// Normalised mixture weights.
    public var weights: [Double]
    public let dimension: Int

    /// The amortized posterior q = N(μ, σ²) (per dimension, [d]) with its likelihood q/N(0, I) raised to the
    /// power w: precision 1 + w (1/σ² − 1), mean (w μ/σ²) / precision; dimensions with σ² ≥ 1 are kept as
    /// they are. w = 1 returns q.
    public static func tempered(mean: [Float], logVar: [Float], likelihoodWeight w: Double) -> (mean: [Float], logVar: [Float]) {
        guard w != 1 else { return (mean, logVar) }
        var means: [Float] = [], logVars: [Float] = []
        for (m, l) in zip(mean, logVar) {
            let sigma2 = exp(Double(l))
            guard sigma2 < 1 else { means.append(m); logVars.append(l); continue }
            let precision = 1 + w * (1 / sigma2 - 1)
            means.append(Float(w * Double(m) / sigma2 / precision)); logVars.append(Float(-log(precision)))
        }
        return (means, logVars)
    }

    /// `populationMeans`/`populationLogVars`: [n × d]; `mean`/`logVar`: [d] (the target's q).
    public init(populationMeans: [Float], populationLogVars: [Float], mean: [Float], logVar: [Float], bandwidth: Double = 0,
                likelihoodWeight w: Double = 1) {
        let d = mean.count, n = populationMeans.count / d
        precondition(n > 0 && populationMeans.count == n * d && populationLogVars.count == n * d && logVar.count == d)
        dimension = d
        // Kernel smoothing of the population: each component's variance grows by bandwidth × the variance
        // of the component means (per dimension), so a small study's mixture is not narrower than its spread.
        var spread = [Double](repeating: 0, count: d)
        if n > 1 {
            for i in 0..<d {
                let values = (0..<n).map { Double(populationMeans[$0 * d + i]) }
                let mean = values.reduce(0, +) / Double(n)
                spread[i] = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
            }
        }
        means = []; logVars = []
        var logWeights: [Double] = []
        for j in 0..<n {
            var logWeight = 0.0
            for i in 0..<d {
                let m = Double(populationMeans[j * d + i]), s2 = exp(Double(populationLogVars[j * d + i])) + bandwidth * spread[i]
                let sigma2 = exp(Double(logVar[i])), informative = sigma2 < 1
                let gain = informative ? w * (1 / sigma2 - 1) : 0, pull = informative ? w * Double(mean[i]) / sigma2 : 0
                let a = 1 / s2 + gain, b = m / s2 + pull, c = m * m / s2   // μ²/σ² is common to all j: dropped
                means.append(b / a); logVars.append(-log(a))
                logWeight += -0.5 * log(s2) - 0.5 * log(a) + 0.5 * (b * b / a - c)
            }
            logWeights.append(logWeight)
        }
        let top = logWeights.max()!
        let unnormalised = logWeights.map { exp($0 - top) }
        let total = unnormalised.reduce(0, +)
        weights = unnormalised.map { $0 / total }
    }

    /// The component of each of `count` draws by systematic resampling with offset `u` in [0, 1):
    /// component j receives ⌊count·w_j⌋ or ⌈count·w_j⌉ draws.
    public func allocate(_ count: Int, offset u: Double) -> [Int] {
        var result: [Int] = [], cumulative = 0.0, j = 0
        for s in 0..<count {
            let position = (Double(s) + u) / Double(count)
            while j < weights.count - 1 && cumulative + weights[j] < position { cumulative += weights[j]; j += 1 }
            result.append(j)
        }
        return result
    }
}
