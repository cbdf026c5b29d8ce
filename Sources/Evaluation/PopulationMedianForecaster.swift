import Foundation
import PKData

/// Naive baseline: the context's population median profile.
///
/// Each context subject's positive post-dose observations (of the requested output) form a profile of
/// log-concentration against time after its first dose (`LogProfile`: linear in log space between
/// observations, constant beyond its first/last one). At a query time t the forecaster evaluates every
/// profile at t − (target's first dose time), scales it by (target first-dose amount / subject first-dose
/// amount) when `doseNormalised` and both amounts are positive, and reports across context subjects:
/// median (the point forecast), mean, and the empirical 5 % / 95 % quantiles (R type 7) as the 90 % interval.
/// The target's own observations are not used.
public struct PopulationMedianForecaster: Forecaster {
    public var name: String
    public var doseNormalised: Bool

    public init(name: String = "median", doseNormalised: Bool = true) {
        self.name = name; self.doseNormalised = doseNormalised
    }

    public func forecast(_ request: ForecastRequest) throws -> Forecast {
        guard let t0 = request.target.firstDoseTime else { throw EvaluationError.noDose(forecaster: name, subject: request.target.id) }
        let profiles = request.context.map { LogProfile(subject: $0, output: request.output) }.filter { !$0.isEmpty }
        guard !profiles.isEmpty else { throw EvaluationError.noContextProfile(forecaster: name, output: request.output) }
        let targetDose = request.target.doses.first?.amount ?? 0
        let logScales = profiles.map { p -> Double in
            guard doseNormalised, targetDose > 0, let d = p.firstDoseAmount, d > 0 else { return 0 }
            return log(targetDose / d)
        }
        let points = request.queryTimes.map { t -> ForecastPoint in
            let values = zip(profiles, logScales).map { exp($0.logValue(at: t - t0) + $1) }.sorted()
            return ForecastPoint(time: t, mean: values.reduce(0, +) / Double(values.count),
                                 median: Metrics.quantile(sorted: values, 0.5),
                                 q05: Metrics.quantile(sorted: values, 0.05), q95: Metrics.quantile(sorted: values, 0.95))
        }
        return Forecast(points: points)
    }
}
