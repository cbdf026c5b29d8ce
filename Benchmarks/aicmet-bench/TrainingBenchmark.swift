import AICMET
import Foundation
import PKSim
import Tensor

/// Pretraining steps/s of the shipped default (`benchmarkModel()`: its network and prior, batch 32, two
/// threads) with each sgemm backend, alternating rounds in one run so the ratio sees the same machine state.
/// Every round starts from the same weights and seed, so both backends step through identical batches.
func runTrainingBenchmark() {
    print("\n## pretraining throughput (shipped default, batch 32, 2 threads): sgemm backends")
    guard BLAS.nativeAvailable else { print("native sgemm unavailable on this CPU (needs AVX-512F): skipped"); return }
    let saved = BLAS.backend
    defer { BLAS.backend = saved }
    let warmup = 10, timed = 40
    var stepSeconds: [GemmBackend: [Double]] = [:]
    for backend in [GemmBackend.openblas, .native, .openblas, .native] {
        BLAS.backend = backend
        do {
            let model = try benchmarkModel()
            guard let prior = BuiltinPriors.prior(model.spec.prior) else { print("prior \(model.spec.prior) missing: skipped"); return }
            let config = TrainingConfig(steps: warmup + timed, batchStudies: 32, warmupSteps: 200, threads: 2, seed: 9,
                                        checkpointEvery: 1_000_000)
            let trainer = try Trainer(model: model, config: config)
            var last = BenchClock.now()
            try trainer.run(data: PriorDataSource(prior: prior), onProgress: { p in
                let t = BenchClock.now()
                if p.step > warmup { stepSeconds[backend, default: []].append(t - last) }
                last = t
            })
        } catch {
            print("training benchmark failed: \(error)")
            return
        }
    }
    let openblas = median(stepSeconds[.openblas] ?? []), native = median(stepSeconds[.native] ?? [])
    print(String(format: "OpenBLAS: %.1f ms/step (%.2f steps/s); native AVX-512: %.1f ms/step (%.2f steps/s); native / OpenBLAS = %.2f× steps/s",
                 openblas * 1000, 1 / openblas, native * 1000, 1 / native, openblas / native))
}
