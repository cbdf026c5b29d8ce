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

    /// The target's number of given post-dose observations (the protocol's k).
    func givenCount(_ target: Subject) -> Int {
        let first = target.firstDoseTime ?? -Double.infinity
        return model.layout.usableObservations(target).filter { $0.time > first }.count
    }

    /// Draws for the target at likelihood weight `trust` of its given points (`TrustSelection`): 1 is the plan's
    /// own; 0 < trust < 1 draws `combined` (the plan's bandwidth) with the likelihood weight scaled by `trust`;
    /// 0 forecasts as if nothing were given (the plan's k = 0 draws).
    func predictive(context: [Subject], target: Subject, times: [Double], output: Int, samples: Int, seed: UInt64,
                    cache: EncoderCache?, trust: Double = 1) throws -> (scaling: StudyScaling, distributions: [GaussianMixture]) {
        var target = target, mode = plan.mode(given: givenCount(target)), weight = plan.likelihoodWeight
        if trust == 0 {
            target.observations = []; mode = plan.mode(given: 0)
        } else if trust < 1 {
            mode = .combined; weight *= trust
        }
        return try model.predictiveDistributions(context: context, target: target, times: times, output: output, samples: samples,
                                                 seed: seed, inference: mode, bandwidth: plan.bandwidth, likelihoodWeight: weight,
                                                 cache: cache)
    }

    /// The trust in the target's given points chosen on the context (`TrustSelection`); nil when the plan does
    /// not select, nothing is given, or too few context subjects can be scored.
    func selectTrust(context: [Subject], target: Subject, output: Int, seed: UInt64, cache: EncoderCache?) throws -> TrustSelection? {
        let k = givenCount(target)
        guard plan.selected, k > 0 else { return nil }
        return try TrustSelection.choose(context: context, given: k, output: output, layout: model.layout, seed: seed) { w, context, target, times, seed in
            try predictive(context: context, target: target, times: times, output: output, samples: InStudyCalibration.samples,
                           seed: seed, cache: cache, trust: w)
        }
    }

    /// The plan's predictive distributions without calibration: at the selected trust when the plan selects.
    func plannedPredictive(context: [Subject], target: Subject, times: [Double], output: Int, samples: Int, seed: UInt64,
                           cache: EncoderCache?) throws -> (scaling: StudyScaling, distributions: [GaussianMixture]) {
        let trust = try selectTrust(context: context, target: target, output: output, seed: seed, cache: cache)?.weight ?? 1
        return try predictive(context: context, target: target, times: times, output: output, samples: samples, seed: seed,
                              cache: cache, trust: trust)
    }

    public func forecast(_ request: ForecastRequest) throws -> Forecast {
        let (request, screenNote) = plan.screened ? screened(request) : (request, nil)
        var notes = screenNote.map { [$0] } ?? []
        // Selection and calibration forecast every context subject from the others: their encodings are shared.
        let cache = plan.calibrated || plan.selected ? EncoderCache() : nil
        let k = givenCount(request.target)
        let selection = try selectTrust(context: request.context, target: request.target, output: request.output, seed: request.seed,
                                        cache: cache)
        let trust = selection?.weight ?? 1
        if let selection {
            notes.append("trust in the \(k) given observation(s) chosen on \(selection.subjects) context subjects forecast from their first \(k): "
                         + "likelihood weight \(selection.weight) (held-out log-RMSE "
                         + zip(TrustSelection.weights, selection.errors).map { String(format: "%.3f at %g", $1, $0) }.joined(separator: ", ") + ")")
        } else if plan.selected && k > 0 {
            notes.append("trust in the given observations not selected: fewer than \(InStudyCalibration.minimumSubjects) context subjects "
                         + "have observations beyond their first \(k); the plan's own draws are used")
        }
        var (scaling, distributions) = try predictive(context: request.context, target: request.target, times: request.queryTimes,
                                                      output: request.output, samples: samples, seed: request.seed, cache: cache, trust: trust)
        var warnings = supportWarnings(request)
        let synthetic = model.spec.syntheticSpread(for: plan)?.spread(for: request.context, layout: model.layout)
        if plan.calibrated {
            let syntheticScale = synthetic?.scale(given: k) ?? 1
            let calibration = try selection.map { InStudyCalibration(heldOut: $0.heldOut, toward: syntheticScale) }
                ?? InStudyCalibration.measure(
                    context: request.context, given: k, output: request.output, layout: model.layout, seed: request.seed, toward: syntheticScale,
                    forecast: { context, target, times, seed in
                        try predictive(context: context, target: target, times: times, output: request.output,
                                       samples: InStudyCalibration.samples, seed: seed, cache: cache)
                    })
            if let calibration {
                distributions = distributions.map(calibration.apply)
                notes.append(String(format: "intervals calibrated on %d context subjects forecast from their first %d observations (%d held-out points): spread × %.2f",
                                    calibration.subjects, k, calibration.points, calibration.scale)
                             + (synthetic == nil ? "" : String(format: " (shrunk toward × %.2f, measured on synthetic studies)", syntheticScale)))
            } else {
                warnings.append("in-study calibration skipped: fewer than \(InStudyCalibration.minimumSubjects) context subjects "
                                + "have observations beyond their first \(k); the intervals are "
                                + (synthetic == nil ? "the model's own" : String(format: "scaled × %.2f, as measured on synthetic studies", syntheticScale)))
                if let synthetic { distributions = distributions.map { synthetic.apply(to: $0, given: k) } }
            }
        } else if let spread = model.spec.heldOutSpread {
            distributions = distributions.map { spread.apply(to: $0, given: k) }
            notes.append(String(format: "intervals scaled × %.2f, as measured on the %d subjects finetuning held out", spread.scale(given: k), spread.subjects))
        } else if let synthetic {
            distributions = distributions.map { synthetic.apply(to: $0, given: k) }
            notes.append(String(format: "intervals scaled × %.2f, as measured on synthetic studies of the prior", synthetic.scale(given: k)))
        }
        let points = zip(request.queryTimes, distributions).map { time, mixture in
            ForecastPoint(time: time,
                          mean: mixture.meanOfExp * scaling.concentration,
                          median: scaling.concentration(fromLog: mixture.quantile(0.5)),
                          q05: scaling.concentration(fromLog: mixture.quantile(0.05)),
                          q95: scaling.concentration(fromLog: mixture.quantile(0.95)))
        }
        return Forecast(points: points, warnings: warnings, notes: notes)
    }

    /// The request without its spurious pre-dose values (`PreDoseScreen`), and a note naming the subjects
    /// they came from (nil: nothing withheld).
    func screened(_ request: ForecastRequest) -> (ForecastRequest, String?) {
        let screen = PreDoseScreen.screen(context: request.context, target: request.target, layout: model.layout)
        guard !screen.withheld.isEmpty else { return (request, nil) }
        var cleaned = request
        cleaned.context = screen.context; cleaned.target = screen.target
        return (cleaned, "withheld the positive pre-dose samples of subject(s) \(screen.withheld.joined(separator: ", ")): "
                         + "\(screen.withheld.count) of \(request.context.count + 1) subjects read above zero before their first dose "
                         + "(treated as spurious, not carry-over)")
    }

    /// Where the request lies outside what the model's prior simulated.
    func supportWarnings(_ request: ForecastRequest) -> [String] {
        var warnings: [String] = []
        if request.context.isEmpty {
            warnings.append("no context subjects: the study latent is uninformed; forecasts rest on the prior alone")
        }
        let support = model.spec.support
        let subjects = request.context + [request.target]
        for subject in subjects {
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
        if let most = support.maxSampledDoseIntervals {
            let across = subjects.filter { PriorSupport.sampledDoseIntervals($0) > most }.map(\.id)
            if !across.isEmpty {
                warnings.append("\(across.count) of \(subjects.count) subjects (\(across.prefix(5).joined(separator: ", "))\(across.count > 5 ? ", …" : "")) "
                                + "have samples after more than \(most) of their doses; the prior sampled each subject after at most \(most) "
                                + "(troughs at a dose time aside): levels after different doses of one subject are combined less reliably")
            }
        }
        if let floor = support.lowestRelativeConcentration,
           let lowest = PriorSupport.relativeConcentrations(subjects).min(), lowest < floor / 2 {
            warnings.append(String(format: "observations reach %.2g %% of the study's peak; the prior's data reach only %.2g %% "
                                   + "(its quantification limit): forecasts that far below the peak are unreliable", 100 * lowest, 100 * floor))
        }
        let horizon = request.context.flatMap { $0.observations.map(\.time) }.max() ?? 0
        if let last = request.queryTimes.max(), horizon > 0, last > 1.5 * horizon {
            warnings.append("forecast time \(last) lies beyond 1.5 × the context's last observation (\(horizon)): extrapolation")
        }
        var seen = Set<String>()
        return warnings.filter { seen.insert($0).inserted }
    }
}
