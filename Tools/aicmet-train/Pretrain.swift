import AICMET
import ArgumentParser
import Foundation
import PKSim

/// Long pretraining runs outside the REPL (e.g. in the background): resumable, checkpointing to a folder.
///   aicmet-train pretrain --out workspace/models/default --minutes 100 --seed 1
/// writes OUT/checkpoint.safetensors (weights + optimiser + run state, every --checkpoint-every steps),
/// OUT/snapshots/step-N.safetensors (weights only, every --snapshot-every steps, for checkpoint selection),
/// and at the end OUT/model.safetensors (weights, spec and training state in its metadata),
/// OUT/spec.json and OUT/training.json (the command, seed, settings and loss curve).
struct Pretrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pretrain an AICMET variant on synthetic studies from its prior (resumable; Ctrl-C keeps the last checkpoint).")

    @Option(help: "Variant name.") var name = "default"
    @Option(help: "Prior id (see `prior list` in the REPL).") var prior = "default"
    @Option(help: "Decoder: gaussian or mixture:K.") var decoder = "gaussian"
    @Option(help: "Comma-separated covariate adapter ids ('' for none).") var adapters = "weight-allometric"
    @Option(help: "Network size: tiny, small or base.") var size = "small"
    @Flag(help: "Decoder queries also carry the time since the last given observation.") var relativeQueryTime = false
    @Flag(help: "The decoder also attends to the encoder states of the target's given observations.") var givenAttention = false
    @Flag(help: ArgumentHelp("q(z_i) also reads the study's pooled context summary.",
                             discussion: "With --init-from an unconditioned model, the new inputs start at zero.")) var studyConditioned = false
    @Flag(help: "The decoder's mean is compartmental (MechanisticMean) plus a learned residual.") var mechanistic = false
    @Flag(help: "With --mechanistic: each oral dose is released into the depot over a per-subject duration D1 before first-order absorption.")
    var mechanisticRelease = false
    @Option(help: "Total optimisation steps (the cosine schedule ends there).") var steps: Int = 1_000_000
    @Option(help: "Training-time budget in minutes: the cosine schedule follows time; --steps is then an upper bound.")
    var minutes: Double?
    @Option(help: "Steps between weight snapshots kept for checkpoint selection (0 = none).") var snapshotEvery = 0
    @Option(help: "Studies per step.") var batch = 32
    @Option(help: "Peak learning rate.") var learningRate: Float = 1e-3
    @Option(help: "Warm-up steps.") var warmup = 200
    @Option(help: "Steps over which the KL weight rises from 0 to 1 (1 = no annealing, e.g. for a warm start).") var klAnneal = 1000
    @Option(help: "Weight of the direct forecasting term.") var forecastWeight: Float = 1
    @Option(help: "Target subjects per simulated study (each with its own k ~ U{0…5}; the others are its context).")
    var targetsPerStudy = 3
    @Option(help: "Weight of both KL terms (β; 1 = the ELBO).") var klWeight: Float = 1
    @Option(help: "Random seed (weights, data, latent noise).") var seed: UInt64 = 1
    @Option(help: "Threads (1 or 2).") var threads = 2
    @Option(help: "Steps between checkpoints.") var checkpointEvery = 250
    @Option(help: "Output folder.") var out: String
    @Flag(help: "Continue from OUT/checkpoint.safetensors when it exists.") var resume = false
    @Option(help: ArgumentHelp("Start from this model's weights, a .safetensors file or a model folder (a warm start: fresh optimiser and schedule).",
                               discussion: "The architecture (size, decoder, adapters) is the initial model's; --prior sets the data."))
    var initFrom: String?

    func validate() throws {
        if mechanisticRelease && !mechanistic { throw ValidationError("--mechanistic-release needs --mechanistic") }
        if targetsPerStudy < 1 { throw ValidationError("--targets-per-study must be at least 1 (got \(targetsPerStudy))") }
    }

    func run() throws {
        let folder = URL(fileURLWithPath: out, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        guard let priorPlugin = BuiltinPriors.prior(prior) else {
            throw ValidationError("unknown prior '\(prior)'; built-in priors: \(BuiltinPriors.configs.map(\.id).joined(separator: ", "))")
        }
        let adapterIDs = adapters.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let adapterPlugins = try builtinAdapters(adapterIDs)
        guard let networkSize = NetworkSize.named(size) else { throw ValidationError("unknown size '\(size)'; use tiny, small or base") }
        let config = TrainingConfig(steps: steps, batchStudies: batch, learningRate: learningRate, warmupSteps: warmup, klAnnealSteps: klAnneal,
                                    weights: ObjectiveWeights(kl: klWeight, forecast: forecastWeight), threads: threads, seed: seed,
                                    checkpointEvery: checkpointEvery, timeBudgetSeconds: minutes.map { $0 * 60 })
        let checkpointURL = folder.appendingPathComponent("checkpoint.safetensors")
        var resumeFrom: Checkpoint? = nil
        if resume, FileManager.default.fileExists(atPath: checkpointURL.path) {
            resumeFrom = try Checkpoint.read(from: checkpointURL)
            FileHandle.standardError.write("resuming \(checkpointURL.path) at step \(resumeFrom!.state.step)\n".data(using: .utf8)!)
        }
        let initial = try resumeFrom == nil ? initFrom.map { try Checkpoint.read(from: URL(fileURLWithPath: $0)) } : nil
        let spec: VariantSpec
        if let resumeFrom {
            spec = resumeFrom.spec
        } else if var warm = initial?.spec {
            warm.name = name; warm.prior = prior; warm.inference = nil
            if studyConditioned { warm.studyConditioned = true }
            warm.support = PriorSupport.measure(priorPlugin, seed: seed)
            spec = warm
        } else {
            var fresh = VariantSpec(name: name, prior: prior, decoder: try DecoderSpec.parse(decoder), adapters: adapterIDs,
                                    covariates: adapterPlugins.flatMap(\.covariateNames), size: networkSize, outputs: 2,
                                    support: PriorSupport.measure(priorPlugin, seed: seed))
            if relativeQueryTime { fresh.relativeQueryTime = true }
            if givenAttention { fresh.givenAttention = true }
            if studyConditioned { fresh.studyConditioned = true }
            if mechanistic { fresh.mechanistic = true }
            if mechanisticRelease { fresh.mechanisticRelease = true }
            spec = fresh
        }
        let model = try AICMETModel(spec: spec, adapters: try builtinAdapters(spec.adapters), seed: seed)
        try initial?.warmStart(model)
        let trainer = try Trainer(model: model, config: config, resumeFrom: resumeFrom)
        FileHandle.standardError.write("\(spec.name): \(model.parameterCount) parameters, prior \(prior), \(steps) steps × \(batch) studies\n".data(using: .utf8)!)

        InterruptFlag.install()
        let command = CommandLine.arguments.joined(separator: " ")
        try trainer.run(
            data: PriorDataSource(prior: priorPlugin, targetsPerStudy: targetsPerStudy),
            shouldStop: { InterruptFlag.isSet },
            onProgress: { p in
                guard p.step % 25 == 0 else { return }
                let line = String(format: "step %d/%d  loss %.3f  rec %.3f  fc %.3f  kl_i %.2f  kl_s %.2f  %.2f steps/s  eta %.0f min\n",
                                  p.step, p.totalSteps, p.values.loss, p.values.reconstruction, p.values.forecast,
                                  p.values.klIndividual, p.values.klStudy, p.stepsPerSecond, p.etaSeconds / 60)
                FileHandle.standardError.write(line.data(using: .utf8)!)
            },
            onCheckpoint: { checkpoint in
                try checkpoint.write(to: checkpointURL)
                let step = checkpoint.state.step
                if snapshotEvery > 0 && step > 0 && step % snapshotEvery == 0 {
                    let snapshots = folder.appendingPathComponent("snapshots", isDirectory: true)
                    try FileManager.default.createDirectory(at: snapshots, withIntermediateDirectories: true)
                    try checkpoint.weightsOnly.write(to: snapshots.appendingPathComponent("step-\(step).safetensors"))
                }
                try TrainingRecord.write([TrainingRecord(command: command, seed: seed, config: config, state: checkpoint.state)],
                                         to: folder.appendingPathComponent(TrainingRecord.fileName))
            })
        let final = trainer.checkpoint()
        if final.state.step >= steps || trainer.budgetSpent {
            try final.weightsOnly.write(to: folder.appendingPathComponent("model.safetensors"))
            let encoder = JSONEncoder(); encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            try encoder.encode(spec).write(to: folder.appendingPathComponent("spec.json"))
            FileHandle.standardError.write("done: \(folder.path)/model.safetensors\n".data(using: .utf8)!)
        } else {
            FileHandle.standardError.write("stopped at step \(final.state.step); resume with --resume\n".data(using: .utf8)!)
        }
    }
}

/// SIGINT sets a flag the training loop polls between steps.
enum InterruptFlag {
    nonisolated(unsafe) static var isSet = false
    static func install() {
        signal(SIGINT) { _ in InterruptFlag.isSet = true }
    }
}


