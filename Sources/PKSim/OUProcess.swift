import Foundation
import PKData

/// Mean-reverting Ornstein–Uhlenbeck process dθ = −rate·(θ − μ)dt + σ dW, one independent copy per
/// log-parameter, parameterised by its mean-reversion `rate` (1/time) and its stationary variance
/// `stationaryVariance` = σ²/(2·rate). Sampled exactly: started from the stationary law N(μ, s²), then
///     θ(t+Δ) = μ + (θ(t) − μ)·e^{−rate·Δ} + s·√(1 − e^{−2·rate·Δ})·ε,   ε ~ N(0, 1),
/// so the lag-Δ autocorrelation is e^{−rate·Δ}.
public struct OUProcess: Hashable, Codable, Sendable {
    public var rate: Double
    public var stationaryVariance: Double

    public init(rate: Double, stationaryVariance: Double) {
        self.rate = rate; self.stationaryVariance = stationaryVariance
    }

    /// A scalar path at `times` (non-decreasing) around `mean`.
    public func sample(mean: Double, times: [Double], rng: inout SeededGenerator) -> [Double] {
        var out = [Double](repeating: mean, count: times.count)
        guard !times.isEmpty else { return out }
        let s = stationaryVariance.squareRoot()
        var x = mean + s * rng.normal()
        out[0] = x
        for k in 1..<times.count {
            let a = exp(-rate * (times[k] - times[k - 1]))
            x = mean + (x - mean) * a + s * (1 - a * a).squareRoot() * rng.normal()
            out[k] = x
        }
        return out
    }

    /// Piecewise-constant individual parameters: the OU value of every log-parameter at each of `times`
    /// (any order, duplicates allowed) held until the next time; `base` gives the means μ_i.
    /// With `stationaryVariance == 0` the path is constant (= base).
    public func parameterPath(base: PKParameters, times: [Double], rng: inout SeededGenerator) -> ParameterPath {
        if stationaryVariance <= 0 || times.isEmpty { return ParameterPath(constant: base) }
        var starts: [Double] = []
        starts.reserveCapacity(times.count)
        for t in (times.isSorted(by: <=) ? times : times.sorted()) where starts.last.map({ t > $0 }) ?? true { starts.append(t) }
        let mu = base.logParameters
        let m = mu.count
        var eps = [Double](repeating: 0, count: m * starts.count)
        rng.fillNormals(&eps)
        let s = stationaryVariance.squareRoot()
        var x = mu
        for i in 0..<m { x[i] = mu[i] + s * eps[i] }
        var pieces: [PKParameters] = [base.withLogParameters(x)]
        pieces.reserveCapacity(starts.count)
        for k in 1..<max(starts.count, 1) {
            let a = exp(-rate * (starts[k] - starts[k - 1]))
            let sd = s * (1 - a * a).squareRoot()
            for i in 0..<m { x[i] = mu[i] + (x[i] - mu[i]) * a + sd * eps[k * m + i] }
            pieces.append(base.withLogParameters(x))
        }
        return ParameterPath(starts: starts, parameters: pieces)
    }
}
