import Foundation
import PKData

extension PopulationFit {
    /// The target's empirical-Bayes (MAP) estimate η̂ given the observations it carries (under this
    /// population fit), and the Laplace posterior covariance M(η̂)⁻¹ (p×p row-major). With no usable
    /// observation: η̂ = 0 and the covariance is Ω.
    public func posterior(for target: Subject) throws -> (eta: [Double], covariance: [Double], converged: Bool) {
        if target.doses.isEmpty { throw NLMEError.noDoses(subject: target.id) }
        let data = try SubjectData(target, model: model)
        let problem = problem()
        let p = problem.p
        if data.times.isEmpty {
            var omega = [Double](repeating: 0, count: p * p)
            for k in 0..<p { omega[k * p + k] = problem.omega2[k] }
            return ([Double](repeating: 0, count: p), omega, true)
        }
        let mode = problem.mode(data, start: [Double](repeating: 0, count: p))
        guard !mode.choleskyFactor.isEmpty else {
            throw NLMEError.mapFailed(subject: target.id, detail: "the posterior information matrix is not positive definite")
        }
        return (mode.eta, SymmetricMatrix.inverse(cholesky: mode.choleskyFactor, p), mode.converged)
    }

    /// Predictive distribution of new observations of the target at `times`: η ~ N(η̂, M⁻¹) (Laplace
    /// posterior given the target's observations), y = f(t; θ + η) + ε, ε ~ N(0, a² + b²f²), `samples`
    /// draws from a `SeededGenerator(seed:)`. Per time: mean, median (the point forecast), 5 % and 95 %
    /// empirical quantiles; q05 is floored at 0 (concentrations are non-negative). When the predictive median
    /// is not positive (additive noise swamping a near-zero prediction) the median of the noise-free f is
    /// reported instead, with a warning.
    ///
    /// With `point == .mapPrediction` the median field carries f(t; θ + η̂) instead (the empirical-Bayes
    /// individual prediction, what R's nlme `predict` returns); mean and quantiles are unchanged.
    public func forecast(target: Subject, times: [Double], samples: Int = 2000, seed: UInt64 = 0,
                         point: PointForecast = .predictiveMedian) throws -> Forecast {
        let post = try posterior(for: target)
        let problem = problem()
        let p = problem.p
        var warnings: [String] = []
        if !post.converged { warnings.append("subject \(target.id): the MAP estimate did not fully converge") }
        guard let l = SymmetricMatrix.cholesky(post.covariance, p) else {
            throw NLMEError.mapFailed(subject: target.id, detail: "the posterior covariance is not positive definite")
        }
        let doses = try SubjectData(target, model: model).doses
        let n = times.count
        var ys = [[Double]](repeating: [], count: n), fs = [[Double]](repeating: [], count: n)
        for j in 0..<n { ys[j].reserveCapacity(samples); fs[j].reserveCapacity(samples) }
        var rng = SeededGenerator(seed: seed)
        var z = [Double](repeating: 0, count: p), eta = [Double](repeating: 0, count: p)
        for _ in 0..<max(samples, 1) {
            for k in 0..<p { z[k] = rng.normal() }
            for i in 0..<p {
                var v = post.eta[i]
                for k in 0...i { v += l[i * p + k] * z[k] }
                eta[i] = v
            }
            let f = problem.predictions(times: times, doses: doses, eta: eta)
            for j in 0..<n {
                fs[j].append(f[j])
                ys[j].append(f[j] + problem.variance(f[j]).squareRoot() * rng.normal())
            }
        }
        let mapPrediction = problem.predictions(times: times, doses: doses, eta: post.eta)
        var points: [ForecastPoint] = []
        for j in 0..<n {
            let y = ys[j].sorted()
            var median = point == .mapPrediction ? mapPrediction[j] : quantile(y, 0.5)
            if !(median > 0) {
                median = quantile(fs[j].sorted(), 0.5)
                warnings.append("subject \(target.id), time \(times[j]): predictive median ≤ 0; the noise-free median \(median) is reported")
            }
            points.append(ForecastPoint(time: times[j], mean: y.reduce(0, +) / Double(y.count), median: median,
                                        q05: max(quantile(y, 0.05), 0), q95: quantile(y, 0.95)))
        }
        return Forecast(points: points, warnings: warnings)
    }

    /// R type-7 quantile of an ascending sample.
    private func quantile(_ s: [Double], _ q: Double) -> Double {
        let h = Double(s.count - 1) * q
        let lo = Int(h), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }
}
