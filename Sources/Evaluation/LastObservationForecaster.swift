import Foundation
import PKData

/// Naive baseline: the target's last given observation carried forward (LOCF).
///
/// Point forecast (median and mean) at every query time = the target's last positive, uncensored post-dose
/// observation of the requested output. The 90 % interval multiplies it by exp(q05) and exp(q95) of the
/// context's LOCF log-residuals: for every context subject and every pair of its positive post-dose
/// observations j < l, r = log y_l − log y_j (pooled over subjects and horizons; empirical quantiles, R type 7).
/// With no given post-dose observation (k = 0) it falls back to `PopulationMedianForecaster` and says so in
/// the forecast's warnings.
public struct LastObservationForecaster: Forecaster {
    public var name: String
    public var fallback: PopulationMedianForecaster

    public init(name: String = "locf", fallback: PopulationMedianForecaster = PopulationMedianForecaster()) {
        self.name = name; self.fallback = fallback
    }

    public func forecast(_ request: ForecastRequest) throws -> Forecast {
        let own = LogProfile(subject: request.target, output: request.output)
        guard let lastLog = own.logValues.last else {
            var f = try fallback.forecast(request)
            f.warnings.append("no given post-dose observation: population median forecast")
            return f
        }
        var residuals: [Double] = []
        for s in request.context {
            let p = LogProfile(subject: s, output: request.output).logValues
            for j in p.indices { for l in p.indices where l > j { residuals.append(p[l] - p[j]) } }
        }
        guard !residuals.isEmpty else { throw EvaluationError.noContextProfile(forecaster: name, output: request.output) }
        residuals.sort()
        let last = exp(lastLog)
        let lo = last * exp(Metrics.quantile(sorted: residuals, 0.05))
        let hi = last * exp(Metrics.quantile(sorted: residuals, 0.95))
        return Forecast(points: request.queryTimes.map { ForecastPoint(time: $0, mean: last, median: last, q05: lo, q95: hi) })
    }
}
