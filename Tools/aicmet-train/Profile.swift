import AICMET
import ArgumentParser
import Foundation
import PKData
import PKSim
import Tensor

/// `aicmet-train profile`: where a training step's time goes (data vs network, thread CPU time), how much of its
/// padded batch is real (sequence steps, target points, context slots), and how evenly its two shards split the work.
struct Profile: ParsableCommand {
    @Option var steps = 10
    @Option var batch = 16
    @Option var size = "small"
    func run() throws {
        let prior = BuiltinPriors.prior("default")!
        let adapters = BuiltinPriors.adapters.filter { $0.id == "weight-allometric" }
        let spec = VariantSpec(name: "p", prior: "default", decoder: DecoderSpec(id: "gaussian"), adapters: ["weight-allometric"],
                               covariates: ["WT"], size: NetworkSize.named(size)!, outputs: 2)
        let model = try AICMETModel(spec: spec, adapters: adapters, seed: 1)
        let data = PriorDataSource(prior: prior)
        var rng = SeededGenerator(seed: 1)
        var simulate = 0.0, build = 0.0, forward = 0.0, backward = 0.0
        var noise = TensorRNG(seed: 1)
        var tokenSlots = 0, tokens = 0, querySlots = 0, queries = 0, contextSlots = 0, contexts = 0
        for _ in 0..<steps {
            var t = OpProfiler.now()
            let examples = data.examples(count: batch, rng: &rng)
            simulate += OpProfiler.now() - t; t = OpProfiler.now()
            let b = try TrainingBatch(examples: examples, layout: model.layout)
            build += OpProfiler.now() - t; t = OpProfiler.now()
            tokenSlots += b.tokens.shape[0] * b.tokens.shape[1]; tokens += b.lengths.reduce(0, +)
            querySlots += b.allMask.count; queries += Int(b.allMask.scalars.reduce(0, +))
            contextSlots += b.contextMask.count; contexts += Int(b.contextMask.scalars.reduce(0, +))
            let tape = Tape()
            let (loss, _) = tape.record { model.network.objective(b, weights: ObjectiveWeights(), rng: &noise) }
            forward += OpProfiler.now() - t; t = OpProfiler.now()
            _ = tape.backward(loss)
            backward += OpProfiler.now() - t
        }
        let n = Double(steps)
        print(String(format: "per shard of %d studies (thread CPU time): simulate %.1f ms, batch %.1f ms, forward %.1f ms, backward %.1f ms",
                     batch, simulate / n * 1e3, build / n * 1e3, forward / n * 1e3, backward / n * 1e3))
        print(String(format: "padding: %.0f %% of token slots (sequences × longest), %.0f %% of query slots, %.0f %% of context slots are real",
                     100 * Double(tokens) / Double(tokenSlots), 100 * Double(queries) / Double(querySlots),
                     100 * Double(contexts) / Double(contextSlots)))

        // Data-parallel balance: per step two shards of `batch` studies each, fixed halves against ShardBalance,
        // each shard's forward + backward in thread CPU time (immune to other load on the machine).
        func shardSeconds(_ examples: [TrainingExample]) throws -> Double {
            let t = OpProfiler.now()
            let b = try TrainingBatch(examples: examples, layout: model.layout)
            let tape = Tape()
            let (loss, _) = tape.record { model.network.objective(b, weights: ObjectiveWeights(), rng: &noise) }
            _ = tape.backward(loss)
            return OpProfiler.now() - t
        }
        var excess = [0.0, 0.0], mean = 0.0
        for _ in 0..<steps {
            let halves = [data.examples(count: batch, rng: &rng), data.examples(count: batch, rng: &rng)]
            for (i, shards) in [halves, ShardBalance.shards(halves[0] + halves[1], sizes: [batch, batch])].enumerated() {
                let seconds = try shards.map(shardSeconds)
                excess[i] += seconds.max()! - seconds.reduce(0, +) / 2
                mean += seconds.reduce(0, +) / 4
            }
        }
        print(String(format: "two shards of %d studies: the slower takes %.1f %% longer than their mean with fixed halves, %.1f %% with ShardBalance",
                     batch, 100 * excess[0] / mean, 100 * excess[1] / mean))
    }
}
