import AICMET
import Foundation
import PKSim
import Tensor

/// Pretraining steps/s of the shipped default's recipe (prior default+lag, small, study-conditioned,
/// mechanistic mean, batch 32, two threads) with each sgemm backend, alternating rounds in one run so
/// the ratio sees the same machine state. Each round trains a fresh network from the same seed, so both
/// backends step through identical simulated batches.
func runTrainingBenchmark() {
    print("\n## pretraining throughput (m9a recipe, batch 32, 2 threads): sgemm backends")
    guard BLAS.nativeAvailable else { print("native sgemm unavailable on this CPU (needs AVX-512F): skipped"); return }
    var spec = VariantSpec(name: "bench", prior: "default+lag", decoder: DecoderSpec(id: "gaussian"), adapters: ["weight-allometric"],
                           covariates: ["WT"], size: .small, outputs: 2)
    spec.studyConditioned = true
    spec.mechanistic = true
    guard let prior = BuiltinPriors.prior(spec.prior) else { print("prior \(spec.prior) missing: skipped"); return }
    let adapters = BuiltinPriors.adapters.filter { spec.adapters.contains($0.id) }
    let saved = BLAS.backend
    defer { BLAS.backend = saved }
    let warmup = 10, timed = 40
    var stepSeconds: [GemmBackend: [Double]] = [:]
    for backend in [GemmBackend.openblas, .native, .openblas, .native] {
        BLAS.backend = backend
        do {
            let model = try AICMETModel(spec: spec, adapters: adapters, seed: 9)
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
