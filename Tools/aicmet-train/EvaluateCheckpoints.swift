import AICMET
import ArgumentParser
import Evaluation
import Foundation
import NLME
import PKData
import PKSim

/// Scores checkpoints with the protocol of evaluation.md on held-out synthetic studies from a prior
/// (seeds disjoint from training's) and on NONMEM CSV files, printing one Markdown table per source.
/// Used to choose the architecture and checkpoint on synthetic data; real studies are only a check.
struct EvaluateCheckpoints: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Score checkpoints on held-out synthetic studies and on NONMEM CSV files (k = 0…4).")

    @Argument(help: "Checkpoint or model files (.safetensors) or model folders.") var models: [String]
    @Option(help: "Held-out synthetic studies to draw from --prior (0 = none).") var synthetic = 0
    @Option(help: "Prior of the synthetic studies.") var prior = "default"
    @Option(name: .customLong("set"), help: ArgumentHelp("Change a key of the synthetic prior (repeatable).", valueName: "KEY=VALUE"))
    var settings: [String] = []
    @Option(help: "Subjects per synthetic study.") var subjects = 10
    @Option(parsing: .upToNextOption, help: "NONMEM CSV files to evaluate on.") var data: [String] = []
    @Option(help: "Latent samples per forecast.") var samples = 64
    @Option(parsing: .upToNextOption, help: "Inference plans to compare, MODE[,MODE…][@BANDWIDTH][^WEIGHT][+screened][+selected][+calibrated] (see set-inference; default: the model's own).")
    var plans: [String] = []
    @Flag(help: "Also run the naive baselines (population median, LOCF).") var baselines = false
    @Flag(help: "Also run the NLME baseline (slow).") var nlme = false
    @Flag(help: "Also finetune each model on every target's context before forecasting (CSV files only).") var finetune = false
    @Option(help: "Finetuning steps at most.") var finetuneSteps = 200
    @Option(help: "Finetuning's cross-validation folds (1: one split, a quarter held out).") var finetuneFolds = 1
    @Option(help: "Seed of the held-out studies and of the forecasts.") var seed: UInt64 = 0xE7A1
    @Option(help: "Folder for per-observation predictions: STUDY-predictions.csv per CSV file, synthetic-PRIOR-predictions.csv.") var predictions: String?

    func run() throws {
        var forecasters: [any Forecaster] = []
        for path in models {
            let checkpoint = try Checkpoint.read(from: URL(fileURLWithPath: path))
            let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
            let model = try checkpoint.makeModel(adapters: try builtinAdapters(checkpoint.spec.adapters))
            for plan in plans.isEmpty ? [nil] : try plans.map(InferencePlan.parse) {
                forecasters.append(AICMETForecaster(name: plan.map { "\(name) [\($0)]" } ?? name, model: model, samples: samples, plan: plan))
            }
        }
        let finetuned: [any Forecaster] = forecasters.compactMap { f in
            (f as? AICMETForecaster).map {
                FinetunedForecaster(name: $0.name + "-ft", base: $0.model, config: FinetuneConfig(maxSteps: finetuneSteps, folds: finetuneFolds), samples: samples,
                                    plan: $0.plan)
            }
        }
        if baselines { forecasters += [PopulationMedianForecaster(), LastObservationForecaster()] as [any Forecaster] }
        if nlme { forecasters.append(NLMEForecaster()) }

        if synthetic > 0 {
            guard var config = BuiltinPriors.config(prior) else { throw ValidationError("unknown prior \(prior)") }
            for setting in settings {
                guard let eq = setting.firstIndex(of: "=") else { throw ValidationError("--set '\(setting)' is not KEY=VALUE") }
                try config.set(String(setting[..<eq]), ConfigValue.parse(String(setting[setting.index(after: eq)...])))
            }
            let heldOutPrior = BuiltinPriors.prior(config: config)
            var rng = SeededGenerator(seed: seed ^ 0x48454C44)   // "HELD": disjoint from the training streams
            var results: [EvaluationResult] = []
            for i in 0..<synthetic {
                var study = heldOutPrior.sampleStudy(subjects: subjects, rng: &rng)
                study.name = "synthetic-\(i)"
                results.append(try Evaluation.run(study: study, forecasters: forecasters, seed: seed &+ UInt64(i)))
            }
            if let predictions {
                try Self.writePredictions(results.flatMap(\.predictions), to: URL(fileURLWithPath: predictions).appendingPathComponent("synthetic-\(prior)-predictions.csv"))
            }
            print("## Held-out synthetic studies: \(synthetic) × \(subjects) subjects from prior '\(prior)'\(settings.isEmpty ? "" : " with " + settings.joined(separator: ", "))\n")
            print(Self.pooledTable(results, forecasters: forecasters.map(\.name)))
        }
        for path in data {
            let study = try NONMEMReader.read(url: URL(fileURLWithPath: path)).study
            let result = try Evaluation.run(study: study, forecasters: forecasters + (finetune ? finetuned : []), seed: seed)
            print("## \(study.name)\n")
            print(result.markdownTable())
            if let predictions { try Self.writePredictions(result.predictions, to: URL(fileURLWithPath: predictions).appendingPathComponent("\(study.name)-predictions.csv")) }
        }
    }

    /// One CSV row per scored observation: forecaster, k, subject, time, output, observed, mean, median, q05, q95.
    static func writePredictions(_ records: [PredictionRecord], to url: URL) throws {
        var lines = ["forecaster,given,subject,time,output,observed,mean,median,q05,q95"]
        for r in records {
            lines.append("\"\(r.forecaster)\",\(r.given),\(r.subject),\(r.time),\(r.output),\(r.observed),\(r.mean),\(r.median),\(r.q05),\(r.q95)")
        }
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    /// Per (forecaster, k): mean ± SD of per-subject log-RMSE over every target of every study, pooled coverage,
    /// and the pooled interval score of the 90 % interval on the log scale (width + 20 × the distance outside;
    /// lower is better, comparable across studies whatever their concentration units).
    static func pooledTable(_ results: [EvaluationResult], forecasters: [String]) -> String {
        var lines = ["| forecaster | k | targets | log-RMSE (mean ± SD) | 90 % coverage | log interval score |", "|---|---|---|---|---|---|"]
        let predictions = results.flatMap(\.predictions)
        for k in 0...4 {
            for name in forecasters {
                let rows = results.compactMap { $0.rows.first { $0.forecaster == name && $0.given == k } }
                let scores = rows.flatMap(\.subjects)
                guard !scores.isEmpty else { continue }
                let values = scores.map(\.logRMSE)
                let mean = values.reduce(0, +) / Double(values.count)
                let sd = (values.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(values.count - 1, 1))).squareRoot()
                let covered = scores.reduce(0.0) { $0 + $1.coverage * Double($1.observations) }
                let observations = scores.reduce(0) { $0 + $1.observations }
                let scored = predictions.filter { $0.forecaster == name && $0.given == k && $0.observed > 0 }
                let intervalScore = scored.reduce(0.0) { total, r in
                    let x = log(r.observed), lo = log(r.q05), hi = log(r.q95)
                    return total + (hi - lo) + 20 * max(lo - x, 0) + 20 * max(x - hi, 0)
                } / Double(max(scored.count, 1))
                lines.append(String(format: "| %@ | %d | %d | %.3f ± %.3f | %.3f | %.3f |", name, k, scores.count, mean, sd,
                                    covered / Double(max(observations, 1)), intervalScore))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
