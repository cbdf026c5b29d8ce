import AICMET
import Foundation
import Workspace

/// `train NAME --steps N [--batch B] [--seed S] [--lr X]`.
extension Session {
    /// Pretrains model NAME on studies simulated on the fly from its prior, up to N steps in total: a model
    /// already trained for M < N steps resumes from its stored checkpoint (weights, Adam state, schedule
    /// position) and continues to N; the warm-up + cosine schedule is recomputed for the new total N, so
    /// raising N after a finished run lifts the learning rate again (a warm restart). Both cores are used (two shards per step). Every `checkpointEvery`
    /// steps, and when stopped, the checkpoint (weights + optimiser state + curve) replaces the model's
    /// weights and the run row is updated, in one transaction. Ctrl-C (the cancellation flag) stops
    /// between steps, keeping the checkpoint of the last completed step; the run is marked "interrupted".
    /// Options omitted on a resumed run keep their stored values; a new run defaults to batch 16,
    /// lr 1e-3 (warm-up min(200, N/10) steps, cosine decay to 2e-5, KL annealed over min(1000, N/4) steps) and
    /// the session seed. Runs of the model still marked "running" (their process ended) become "abandoned".
    public func train(_ name: String, steps: Int, batch: Int? = nil, seed: UInt64? = nil, learningRate: Float? = nil,
                      checkpointEvery: Int = 100, progress: ProgressHandler = { _, _, _ in }) throws -> CommandResult {
        guard steps >= 1 else { throw WorkbenchError("--steps must be at least 1, not \(steps)", hint: "e.g. train \(name) --steps 1000") }
        if let batch, batch < 2 { throw WorkbenchError("--batch must be at least 2 (one study per thread), not \(batch)", hint: "e.g. --batch 16") }
        if let learningRate, !(learningRate > 0 && learningRate.isFinite) {
            throw WorkbenchError("--lr must be a positive number, not \(learningRate)", hint: "e.g. --lr 0.001")
        }
        guard checkpointEvery >= 1 else { throw WorkbenchError("checkpoint interval must be at least 1 step") }
        let (record, checkpoint, model) = try loadModel(name)
        let start = checkpoint.state.step
        if start >= steps {
            throw WorkbenchError("model '\(name)' is already trained for \(start) steps (asked for \(steps) in total)",
                                 hint: "--steps is the total: e.g. `train \(name) --steps \(start + max(100, start))` continues")
        }
        var config: TrainingConfig
        if start > 0, let stored = checkpoint.config {
            config = stored
            config.steps = steps
            if let batch { config.batchStudies = batch }
            if let learningRate { config.learningRate = learningRate }
            if let seed { config.seed = seed }
        } else {
            config = TrainingConfig(steps: steps, batchStudies: batch ?? 16, learningRate: learningRate ?? 1e-3,
                                    warmupSteps: min(200, max(1, steps / 10)), klAnnealSteps: min(1000, max(1, steps / 4)),
                                    threads: 2, seed: seed ?? self.seed)
        }
        config.checkpointEvery = checkpointEvery
        config.threads = 2
        let prior = try resolvePrior(checkpoint.spec.prior)
        let trainer = try wrapModel { try Trainer(model: model, config: config, resumeFrom: start > 0 ? checkpoint : nil) }
        let command = "train \(name) --steps \(steps) --batch \(config.batchStudies) --seed \(config.seed) --lr \(config.learningRate)"
        let run = try wrap { () -> RunRecord in
            // Runs still "running" belong to a process that ended without finishing them.
            for stale in try workspace.runs.list(modelID: record.id) where stale.status == "running" {
                try workspace.runs.update(id: stale.id, steps: stale.steps, status: "abandoned", lossCurve: stale.lossCurve)
            }
            return try workspace.runs.start(modelID: record.id, kind: .pretrain, command: command, seed: config.seed)
        }

        func store(_ checkpoint: Checkpoint, status: String, finished: Date?) throws {
            let blob = try wrapModel { try checkpoint.serialize() }
            let curve = checkpoint.state.curve.filter { $0.step > start }.map { Double($0.values.loss) }
            try wrap {
                try workspace.transaction { tx in
                    try tx.models.update(name: name, weights: blob)
                    try tx.runs.update(id: run.id, steps: checkpoint.state.step, status: status, lossCurve: curve, finished: finished)
                }
            }
        }

        let began = Date()
        var last: TrainingProgress?
        do {
            try trainer.run(data: PriorDataSource(prior: prior),
                            shouldStop: { [cancellation] in cancellation.isCancelled },
                            onProgress: { p in
                                last = p
                                progress(p.step - start, steps - start,
                                         String(format: "step %d/%d  loss %.3f  %.2f steps/s", p.step, steps, p.values.loss, p.stepsPerSecond))
                            },
                            onCheckpoint: { try store($0, status: "running", finished: nil) })
        } catch {
            try? wrap { try workspace.runs.update(id: run.id, steps: trainer.state.step, status: "failed",
                                                  lossCurve: trainer.state.curve.filter { $0.step > start }.map { Double($0.values.loss) },
                                                  finished: Date()) }
            throw WorkbenchError("training '\(name)' failed at step \(trainer.state.step): \(WorkbenchError.from(error).message)",
                                 hint: "the last checkpoint is kept; `train \(name) --steps \(steps)` resumes from it")
        }
        let reached = trainer.state.step
        let done = reached >= steps
        try store(trainer.checkpoint(), status: done ? "done" : "interrupted", finished: Date())
        let seconds = Date().timeIntervalSince(began)
        let rate = Double(reached - start) / max(seconds, 1e-9)
        let loss = trainer.state.curve.last(where: { $0.step > start })?.values.loss ?? last?.values.loss
        let lossText = loss.map { "; loss \(Cell.format(Double($0), digits: 3))" } ?? ""
        if done {
            return .text("trained \(name): steps \(start) → \(reached) in \(String(format: "%.1f", seconds)) s "
                         + "(\(String(format: "%.2f", rate)) steps/s)\(lossText); run \(run.id) done")
        }
        var result = CommandResult.text("interrupted \(name) at step \(reached) of \(steps) (started at \(start))\(lossText); "
                                        + "the checkpoint of step \(reached) is kept")
        result.blocks.append(.note("`train \(name) --steps \(steps)` resumes from step \(reached)"))
        return result
    }
}
