import AICMET
import Evaluation
import Foundation
import PKData

/// `forecast STUDY --subject ID --given K [--model NAME] [--times t1,t2,…] [--samples N] [--plot]`.
extension Session {
    /// Zero-shot forecast of one subject's concentrations: the target is that subject with its
    /// doses, covariates and only its first K observations after the first dose (pre-dose samples kept,
    /// `GivenSplit`); the context is every other subject of the study. One row per time, sorted, with the
    /// columns `time, observed, given, mean, median, q05, q95`: the given points (`given` = 1, with their
    /// observed values and the predictions there) and the requested times (default: the subject's remaining
    /// observation times; `observed` filled where an observation lies at that time). Predictions pool
    /// `samples` latent draws and the decoder's variance (seeded by the session seed). Warnings (e.g. out of
    /// the prior's support) are notes; `plot` adds the observations, the median and the 90 % band
    /// (`logScale`: logarithmic concentration axis).
    ///
    /// `output` (default 0, the parent) picks the observed output forecast (1 = metabolite for two-output
    /// models): K counts that output's observations; the subject's other outputs are given up to the time of
    /// the last given point (pre-dose only when K = 0), as they were sampled by then. `inference` overrides the
    /// model's inference plan (`InferencePlan.parse` syntax, e.g. `amortized` or `combined@0.5`).
    public func forecast(study studyName: String, subject subjectID: String, given: Int, model modelName: String? = nil,
                         times: [Double]? = nil, samples: Int = 128, plot: Bool = false, logScale: Bool = false,
                         output: Int = 0, inference: String? = nil) throws -> CommandResult {
        guard given >= 0 else { throw WorkbenchError("--given must be 0 or more, not \(given)", hint: "e.g. --given 2") }
        guard (1...4096).contains(samples) else {
            throw WorkbenchError("--samples must be 1…4096, not \(samples)", hint: "128 is the default")
        }
        if let times, let bad = times.first(where: { !$0.isFinite }) {
            throw WorkbenchError("forecast time \(bad) is not a finite number", hint: "e.g. --times 1,2,4,8")
        }
        let plan: InferencePlan?
        do { plan = try inference.map(InferencePlan.parse) } catch {
            throw WorkbenchError("--inference: \(error)", hint: "amortized, population or combined, optionally by k, with a bandwidth, a likelihood weight and +calibrated: combined,amortized@0.5^0.7+calibrated")
        }
        let study = try requireStudy(studyName)
        let subject = try requireSubject(subjectID, in: study)
        let name = modelName ?? defaultModelName
        let (_, _, model) = try loadModel(name)
        guard output >= 0 && output < model.spec.outputs else {
            throw WorkbenchError("model '\(name)' forecasts outputs 0…\(model.spec.outputs - 1), not \(output)",
                                 hint: "--output 0 is the parent" + (model.spec.outputs > 1 ? ", --output 1 the metabolite" : ""))
        }

        let observed = subject.observations.filter { $0.output == output }.sorted { $0.time < $1.time }
        let split = GivenSplit(observed, firstDose: subject.firstDoseTime, given: given)
        let cutoff = split.given.last?.time ?? -Double.infinity
        var target = subject
        target.observations = (split.given + subject.observations.filter { $0.output != output && $0.time <= cutoff })
            .sorted { $0.time < $1.time }
        let context = study.subjects.filter { $0.id != subject.id }

        var rows: [(time: Double, observed: Double?, given: Bool)] = split.given.map { ($0.time, $0.value, true) }
        if let times {
            for t in times where !split.given.contains(where: { $0.time == t }) {
                let matches = split.hidden.filter { $0.time == t }
                rows.append((t, matches.count == 1 ? matches[0].value : nil, false))
            }
        } else {
            rows += split.hidden.map { ($0.time, $0.value, false) }
        }
        rows.sort { $0.time < $1.time }
        guard !rows.isEmpty else {
            throw WorkbenchError("nothing to forecast for subject \(subject.id): no observations and no --times",
                                 hint: "give times, e.g. --times 1,2,4,8,12,24")
        }
        try checkCancelled()
        let forecaster = AICMETForecaster(name: name, model: model, samples: samples, plan: plan)
        let forecast: Forecast
        do {
            forecast = try forecaster.forecast(ForecastRequest(context: context, target: target, queryTimes: rows.map(\.time),
                                                               output: output, seed: seed))
        } catch {
            throw WorkbenchError("forecast of subject \(subject.id) in '\(study.name)' with model '\(name)' failed: \(error)",
                                 hint: "the study needs a positive concentration in another subject or in the given points")
        }

        let postDose = observed.filter { obs in subject.firstDoseTime.map { obs.time > $0 } ?? true }.count
        let what = output == 0 ? "" : " (output \(output))"
        var t = Table(title: "forecast of \(study.name) subject \(subject.id)\(what) by \(name): \(min(given, postDose)) of \(postDose) "
                      + "post-dose observations given, \(context.count) context subjects",
                      columns: ["time", "observed", "given", "mean", "median", "q05", "q95"])
        for (row, point) in zip(rows, forecast.points) {
            t.append([.number(row.time), .optional(row.observed), .integer(row.given ? 1 : 0), .number(point.mean),
                      .number(point.median), .number(point.q05), .number(point.q95)])
        }
        var result = CommandResult.table(t)
        if given > postDose {
            result.blocks.append(.note("subject \(subject.id) has only \(postDose) observations after the first dose; all are given"))
        }
        result.blocks += forecast.notes.map { .note($0) }
        result.blocks += forecast.warnings.map { .note("warning: " + $0) }
        if plot {
            let units = study.units
            result.blocks.append(.plot(PlotFigure.individualFit(
                title: "\(study.name) subject \(subject.id)\(what): forecast by \(name), \(min(given, postDose)) given",
                observed: observed.map { PlotPoint($0.time, $0.value) }, forecast: forecast.points, logY: logScale,
                xLabel: "time (\(units.time ?? "h"))",
                yLabel: "concentration" + (units.concentration.map { " (\($0))" } ?? ""))))
        }
        return result
    }
}
