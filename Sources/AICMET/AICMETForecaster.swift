import Foundation
import PKData

/// An AICMET model as a `Forecaster`: zero-shot, one forward pass per request. The predictive median and
/// the 5 % / 95 % quantiles come from the pooled mixture over latent samples and decoder components;
/// the mean is E[exp(log-concentration)] under that mixture.
public struct AICMETForecaster: Forecaster {
    public let name: String
    public let model: AICMETModel
    public let samples: Int
    /// How z_n is drawn for the number of post-dose observations the target has.
    public let plan: InferencePlan

    /// A forecaster with the model's own inference default (`VariantSpec.inferencePlan`) when `plan` is nil.
    public init(name: String, model: AICMETModel, samples: Int = 128, plan: InferencePlan? = nil) {
        self.name = name; self.model = model; self.samples = samples; self.plan = plan ?? model.spec.inferencePlan
    }

    func inference(for target: Subject) -> LatentInference {
        let first = target.firstDoseTime ?? -Double.infinity
        return plan.mode(given: model.layout.usableObservations(target).filter { $0.time > first }.count)
    }

    public func forecast(_ request: ForecastRequest) throws -> Forecast {
        let (scaling, distributions) = try model.predictiveDistributions(
            context: request.context, target: request.target, times: request.queryTimes, output: request.output,
            samples: samples, seed: request.seed, inference: inference(for: request.target), bandwidth: plan.bandwidth)
        let points = zip(request.queryTimes, distributions).map { time, mixture in
            ForecastPoint(time: time,
                          mean: mixture.meanOfExp * scaling.concentration,
                          median: scaling.concentration(fromLog: mixture.quantile(0.5)),
                          q05: scaling.concentration(fromLog: mixture.quantile(0.05)),
                          q95: scaling.concentration(fromLog: mixture.quantile(0.95)))
        }
        return Forecast(points: points, warnings: supportWarnings(request))
    }

    /// Where the request lies outside what the model's prior simulated.
    func supportWarnings(_ request: ForecastRequest) -> [String] {
        var warnings: [String] = []
        if request.context.isEmpty {
            warnings.append("no context subjects: the study latent is uninformed; forecasts rest on the prior alone")
        }
        let support = model.spec.support
        for subject in request.context + [request.target] {
            if subject.doses.isEmpty {
                warnings.append("subject \(subject.id) has no dose record: the model was trained on dosed subjects only")
            }
            if subject.doses.count > support.maxDoses {
                warnings.append("subject \(subject.id) has \(subject.doses.count) doses; the prior simulated at most \(support.maxDoses)")
            }
            if !support.infusions && subject.doses.contains(where: \.isInfusion) {
                warnings.append("subject \(subject.id) has infusions; the prior simulated none")
            }
            for route in Set(subject.doses.map(\.route)) where !support.routes.contains(route.rawValue) {
                warnings.append("subject \(subject.id) is dosed \(route.rawValue); the prior simulated only \(support.routes.joined(separator: ", "))")
            }
        }
        let horizon = request.context.flatMap { $0.observations.map(\.time) }.max() ?? 0
        if let last = request.queryTimes.max(), horizon > 0, last > 1.5 * horizon {
            warnings.append("forecast time \(last) lies beyond 1.5 × the context's last observation (\(horizon)): extrapolation")
        }
        var seen = Set<String>()
        return warnings.filter { seen.insert($0).inserted }
    }
}
