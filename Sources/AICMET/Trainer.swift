import Foundation
import PKData
import Tensor

/// Trains an `AICMETModel` on examples from a `TrainingDataSource` with Adam, warm-up + cosine decay,
/// KL annealing and gradient clipping. Each step's batch is split into two shards of fixed sizes, balanced
/// by work (`ShardBalance`), whose gradients are summed in a fixed order, so runs are reproducible and
/// independent of `threads`. The data of step t is drawn from generators seeded by (seed, t, half): resuming
/// from a checkpoint continues exactly where the run stopped.
public final class Trainer {
    public let model: AICMETModel
    public let config: TrainingConfig
    public private(set) var state: TrainingState
    let optimizer: Adam
    let parameters: [Tensor]

    /// `model` must be a single network: an ensemble's members are trained one by one (`members`).
    public init(model: AICMETModel, config: TrainingConfig, resumeFrom checkpoint: Checkpoint? = nil) throws {
        guard model.otherMembers.isEmpty else {
            throw AICMETError.invalidSpec("'\(model.spec.name)' is an ensemble of \(model.spec.memberCount) networks; train each member "
                                          + "on its own and join them (`model join`, or `aicmet-train ensemble`)")
        }
        self.model = model
        self.config = config
        parameters = model.network.parameters.map(\.tensor)
        optimizer = Adam(parameters: parameters, learningRate: config.learningRate, weightDecay: config.weightDecay)
        state = TrainingState()
        if let checkpoint {
            try checkpoint.restore(into: model)
            try checkpoint.restoreOptimizer(optimizer)
            state = checkpoint.state
        }
    }

    /// Runs until `config.steps` or until `shouldStop()` is true (checked between steps). Calls
    /// `onCheckpoint` every `config.checkpointEvery` steps and at the end; `onProgress` after every step.
    public func run(data: TrainingDataSource,
                    shouldStop: () -> Bool = { false },
                    onProgress: (TrainingProgress) -> Void = { _ in },
                    onCheckpoint: (Checkpoint) throws -> Void = { _ in }) throws {
        let start = Date()
        let elapsedBefore = state.elapsedSeconds
        let stepsBefore = state.step
        var accumulated = ObjectiveValues(), accumulatedNorm: Float = 0, accumulatedCount = 0
        while state.step < config.steps && !budgetSpent && !shouldStop() {
            let (values, norm) = try step()
            accumulated = accumulated.adding(values); accumulatedNorm += norm; accumulatedCount += 1
            let elapsed = Date().timeIntervalSince(start)
            state.elapsedSeconds = elapsedBefore + elapsed
            let rate = Double(state.step - stepsBefore) / max(elapsed, 1e-9)
            let remaining = config.timeBudgetSeconds.map { max($0 - state.elapsedSeconds, 0) }
                ?? Double(config.steps - state.step) / max(rate, 1e-9)
            if state.step % 25 == 0 || state.step == config.steps {
                state.curve.append(CurvePoint(step: state.step, values: accumulated.scaled(1 / Float(accumulatedCount)),
                                              learningRate: optimizer.learningRate, gradientNorm: accumulatedNorm / Float(accumulatedCount),
                                              seconds: state.elapsedSeconds))
                accumulated = ObjectiveValues(); accumulatedNorm = 0; accumulatedCount = 0
            }
            let total = config.timeBudgetSeconds == nil ? config.steps : min(config.steps, state.step + Int(remaining * rate))
            onProgress(TrainingProgress(step: state.step, totalSteps: total, values: values, stepsPerSecond: rate,
                                        etaSeconds: remaining))
            if state.step % config.checkpointEvery == 0 { try onCheckpoint(checkpoint()) }
        }
        try onCheckpoint(checkpoint())

        func step() throws -> (ObjectiveValues, Float) {
            let t = state.step
            var weights = config.weights
            weights.kl *= min(1, Float(t + 1) / Float(max(config.klAnnealSteps, 1)))
            let shardSize = [config.batchStudies - config.batchStudies / 2, config.batchStudies / 2]
            let draw = { (index: Int) -> [TrainingExample] in
                var dataRNG = SeededGenerator(seed: Trainer.stepSeed(self.config.seed, step: t, shard: index))
                return data.examples(count: shardSize[index], rng: &dataRNG)
            }
            let drawn = config.threads >= 2 ? dataParallel(2, draw) : [draw(0), draw(1)]
            let examples = ShardBalance.shards(drawn[0] + drawn[1], sizes: shardSize)
            let shard = { (index: Int) -> Result<(Gradients, ObjectiveValues), Error> in
                Result {
                    let batch = try TrainingBatch(examples: examples[index], layout: self.model.layout)
                    var noise = TensorRNG(seed: Trainer.stepSeed(self.config.seed ^ 0x5EED, step: t, shard: index))
                    let tape = Tape()
                    let (loss, values) = tape.record { self.model.network.objective(batch, weights: weights, rng: &noise) }
                    return (tape.backward(loss), values)
                }
            }
            let results: [Result<(Gradients, ObjectiveValues), Error>]
            if config.threads >= 2 {
                results = dataParallel(2, shard)   // one shard per core; BLAS single-threaded meanwhile
            } else {
                let previous = BLAS.threads
                BLAS.threads = 1
                results = [shard(0), shard(1)]
                BLAS.threads = previous
            }
            var (grads, first) = try results[0].get()
            let (second, secondValues) = try results[1].get()
            grads.add(second)
            grads.scale(by: 0.5)
            let norm = grads.clip(maxNorm: config.clipNorm)
            optimizer.learningRate = learningRate(step: t)
            if norm.isFinite {
                optimizer.step(grads)
            }
            state.step += 1
            return (first.adding(secondValues).scaled(0.5), norm)
        }
    }

    public var budgetSpent: Bool { config.timeBudgetSeconds.map { state.elapsedSeconds >= $0 } ?? false }

    /// Linear warm-up over `warmupSteps`, then cosine decay to `minimumLearningRate` over the remaining
    /// steps, or over the remaining time when the run has a time budget.
    func learningRate(step: Int) -> Float {
        if step < config.warmupSteps { return config.learningRate * Float(step + 1) / Float(config.warmupSteps) }
        let progress: Double
        if let budget = config.timeBudgetSeconds {
            progress = min(state.elapsedSeconds / budget, 1)
        } else {
            progress = min(Double(step - config.warmupSteps) / Double(max(config.steps - config.warmupSteps, 1)), 1)
        }
        return config.minimumLearningRate
            + (config.learningRate - config.minimumLearningRate) * Float(0.5 * (1 + cos(Double.pi * progress)))
    }

    /// The current weights, optimiser state and run state.
    public func checkpoint() -> Checkpoint {
        Checkpoint(spec: model.spec, config: config, state: state,
                   weights: model.network.parameters, optimizer: optimizer.exportState())
    }

    static func stepSeed(_ seed: UInt64, step: Int, shard: Int) -> UInt64 {
        var g = SeededGenerator(seed: seed &+ UInt64(step) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(shard) &* 0xD1B5_4A32_D192_ED03)
        return g.next()
    }
}

extension ObjectiveValues {
    func adding(_ o: ObjectiveValues) -> ObjectiveValues {
        ObjectiveValues(loss: loss + o.loss, reconstruction: reconstruction + o.reconstruction, forecast: forecast + o.forecast,
                        klIndividual: klIndividual + o.klIndividual, klStudy: klStudy + o.klStudy)
    }
    func scaled(_ f: Float) -> ObjectiveValues {
        ObjectiveValues(loss: loss * f, reconstruction: reconstruction * f, forecast: forecast * f,
                        klIndividual: klIndividual * f, klStudy: klStudy * f)
    }
}
