import PKData

/// Finetune-then-forecast: for each request, a copy of `base` is finetuned on the request's context
/// (never the target; `Finetuner` holds out part of the context for early stopping) and then forecasts
/// zero-shot. Finetuned models are cached per context (by subject ids), so a leave-one-subject-out
/// protocol finetunes once per target whatever the number of k values. The finetuned models are not
/// calibrated in-study (`InferencePlan.calibrated` is dropped: their context subjects are their training
/// data); their spread is the one measured on finetuning's held-out subjects (`HeldOutSpread`).
public final class FinetunedForecaster: Forecaster {
    public let name: String
    public let base: AICMETModel
    public let config: FinetuneConfig
    public let samples: Int
    /// Inference plan of the finetuned models (nil: the base model's).
    public let plan: InferencePlan?
    private var cache: [[String]: AICMETModel] = [:]

    public init(name: String, base: AICMETModel, config: FinetuneConfig = FinetuneConfig(), samples: Int = 128,
                plan: InferencePlan? = nil) {
        self.name = name; self.base = base; self.config = config; self.samples = samples; self.plan = plan
    }

    public func forecast(_ request: ForecastRequest) throws -> Forecast {
        let key = request.context.map(\.id)
        let model: AICMETModel
        if let cached = cache[key] {
            model = cached
        } else {
            model = try Finetuner.run(model: base, study: Study(name: "context", subjects: request.context),
                                      name: name, config: config).model
            cache[key] = model
        }
        var tunedPlan = plan ?? model.spec.inferencePlan
        tunedPlan.calibrated = false
        return try AICMETForecaster(name: name, model: model, samples: samples, plan: tunedPlan).forecast(request)
    }
}
