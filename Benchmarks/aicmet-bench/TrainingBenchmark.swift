import AICMET
import Foundation
import PKSim
import Tensor

/// Pretraining steps/s of the shipped default (`benchmarkModel()`: its network and prior, batch 32, two
/// threads): padded against packed rows (`AICMETNetwork.packsRows`), with OpenBLAS and, where the CPU has
/// AVX-512F, the native sgemm. Rounds alternate in one run so the ratios see the same machine state; every
/// round starts from the same weights and seed, so all configurations step through identical batches.
func runTrainingBenchmark() {
    struct Configuration: Hashable {
        let backend: GemmBackend, packsRows: Bool
        var name: String { "\(backend == .native ? "native AVX-512" : "OpenBLAS"), \(packsRows ? "packed" : "padded") rows" }
    }
    let backends: [GemmBackend] = BLAS.nativeAvailable ? [.openblas, .native] : [.openblas]
    let configurations = backends.flatMap { b in [false, true].map { Configuration(backend: b, packsRows: $0) } }
    print("\n## pretraining throughput (shipped default, batch 32, 2 threads)")
    if !BLAS.nativeAvailable { print("(no AVX-512F on this CPU: OpenBLAS only)") }
    let saved = BLAS.backend
    defer { BLAS.backend = saved }
    let warmup = 10, timed = 40
    var stepSeconds: [Configuration: [Double]] = [:]
    for configuration in configurations + configurations {
        BLAS.backend = configuration.backend
        do {
            let model = try benchmarkModel()
            model.network.packsRows = configuration.packsRows
            guard let prior = BuiltinPriors.prior(model.spec.prior) else { print("prior \(model.spec.prior) missing: skipped"); return }
            let config = TrainingConfig(steps: warmup + timed, batchStudies: 32, warmupSteps: 200, threads: 2, seed: 9,
                                        checkpointEvery: 1_000_000)
            let trainer = try Trainer(model: model, config: config)
            var last = BenchClock.now()
            try trainer.run(data: PriorDataSource(prior: prior), onProgress: { p in
                let t = BenchClock.now()
                if p.step > warmup { stepSeconds[configuration, default: []].append(t - last) }
                last = t
            })
        } catch {
            print("training benchmark failed: \(error)")
            return
        }
    }
    let reference = median(stepSeconds[configurations[0]] ?? [])
    for configuration in configurations {
        let step = median(stepSeconds[configuration] ?? [])
        print(String(format: "%@: %.1f ms/step (%.2f steps/s), %.2f× the steps/s of %@", configuration.name, step * 1000, 1 / step,
                     reference / step, configurations[0].name))
    }
}
