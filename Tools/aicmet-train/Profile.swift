import AICMET
import ArgumentParser
import Foundation
import PKData
import PKSim
import Tensor

/// `aicmet-train profile`: where a training step's time goes (data vs network), one thread.
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
        for _ in 0..<steps {
            var t = Date()
            let examples = data.examples(count: batch, rng: &rng)
            simulate += Date().timeIntervalSince(t); t = Date()
            let b = try TrainingBatch(examples: examples, layout: model.layout)
            build += Date().timeIntervalSince(t); t = Date()
            let tape = Tape()
            let (loss, _) = tape.record { model.network.objective(b, weights: ObjectiveWeights(), rng: &noise) }
            forward += Date().timeIntervalSince(t); t = Date()
            _ = tape.backward(loss)
            backward += Date().timeIntervalSince(t)
        }
        let n = Double(steps)
        print(String(format: "per shard of %d studies: simulate %.1f ms, batch %.1f ms, forward %.1f ms, backward %.1f ms",
                     batch, simulate / n * 1e3, build / n * 1e3, forward / n * 1e3, backward / n * 1e3))
    }
}
