import Foundation
import Tensor

/// forward + backward + clip(0.5) + Adam steps/s of the reference network, 1 thread and 2 threads
/// (data-parallel: two shards of 16 studies on their own tapes, gradients summed and halved).
func runStepBenchmarks(profile: Bool) {
    TensorRuntime.keepBuffersResident()
    var rng = TensorRNG(seed: 0)
    let net = ReferenceNetwork(rng: &rng)
    let adam = Adam(parameters: net.parameterTensors, learningRate: 1e-4)
    let full = ReferenceBatch(studies: 32, rng: &rng)
    var shardRng = TensorRNG(seed: 1)
    let halves = [ReferenceBatch(studies: 16, rng: &shardRng), ReferenceBatch(studies: 16, rng: &shardRng)]
    print("reference network: \(net.parameterCount) parameters; batch 32 × 11 × 15, 30 queries")

    func step1() -> Float {
        let tape = Tape()
        let loss = tape.record { net.loss(full) }
        var grads = tape.backward(loss)
        grads.clip(maxNorm: 0.5)
        adam.step(grads)
        return loss.scalar
    }
    var serialSeconds: [Double] = []
    var shardSeconds: [Double] = []
    func step2() -> Float {
        let results = dataParallel(2) { shard -> (Float, Gradients, Double) in
            let t0 = OpProfiler.now()
            let tape = Tape()
            let loss = tape.record { net.loss(halves[shard]) }
            let grads = tape.backward(loss)
            return (loss.scalar, grads, OpProfiler.now() - t0)
        }
        shardSeconds.append(max(results[0].2, results[1].2))
        let t0 = OpProfiler.now()
        defer { serialSeconds.append(OpProfiler.now() - t0) }
        var grads = results[0].1
        grads += results[1].1
        grads.scale(by: 0.5)
        grads.clip(maxNorm: 0.5)
        adam.step(grads)
        return 0.5 * (results[0].0 + results[1].0)
    }

    let saved = BLAS.threads
    BLAS.threads = 1
    var rates: [Int: Double] = [:], bestRates: [Int: Double] = [:], cpuPerStep: [Int: Double] = [:]
    for (threads, step) in [(1, step1), (2, step2)] {
        adam.threads = threads
        for _ in 0..<3 { _ = step() }
        var samples: [Sample] = []
        var loss: Float = 0
        for _ in 0..<20 { samples.append(measure { loss = step() }) }
        let s = summarize(samples)
        rates[threads] = 1 / s.median
        bestRates[threads] = 1 / s.best
        cpuPerStep[threads] = s.cpu
        let note = s.disturbed ? String(format: "  (disturbed: other processes used %.2f CPU)", s.otherLoad) : ""
        print(String(format: "  %d thread%@: %6.2f steps/s wall (median %.1f ms, best %.1f ms), %.1f CPU-ms/step, loss %.3f%@",
                     threads, threads == 1 ? " " : "s", 1 / s.median, s.median * 1000, s.best * 1000, s.cpu * 1000, loss, note))
    }
    print(String(format: "  2-thread speed-up: %.2f× (medians), %.2f× (best steps); CPU work per step 2 threads / 1 thread = %.2f",
                 rates[2]! / rates[1]!, bestRates[2]! / bestRates[1]!, cpuPerStep[2]! / cpuPerStep[1]!))
    print(String(format: "  1-thread rate from CPU time (what a quiet core gives): %.2f steps/s", 1 / cpuPerStep[1]!))
    let shard = median(shardSeconds), serial = median(serialSeconds)
    print(String(format: "  2-thread step from CPU times: slower shard %.1f ms + serial part (sum, clip, Adam) %.1f ms → %.2f steps/s, %.2f× the 1-thread CPU-time rate (estimate for quiet cores)",
                 shard * 1000, serial * 1000, 1 / (shard + serial), cpuPerStep[1]! / (shard + serial)))
    BLAS.threads = saved
    adam.threads = 1
    if profile { profileStep(net: net, adam: adam, batch: full) }
}

/// Where one single-thread step's time goes, from the engine's op profiler.
func profileStep(net: ReferenceNetwork, adam: Adam, batch: ReferenceBatch) {
    let saved = BLAS.threads
    BLAS.threads = 1
    defer { BLAS.threads = saved }
    OpProfiler.reset()
    OpProfiler.isEnabled = true
    let reps = 5
    var total = 0.0
    for _ in 0..<reps {
        let t0 = OpProfiler.now()
        let tape = Tape()
        let loss = tape.record { net.loss(batch) }
        var grads = tape.backward(loss)
        OpProfiler.time("clip") { _ = grads.clip(maxNorm: 0.5) }
        OpProfiler.time("adam") { adam.step(grads) }
        total += OpProfiler.now() - t0
    }
    OpProfiler.isEnabled = false
    print("where a 1-thread step's time goes (thread CPU time, \(reps) steps, mean \(String(format: "%.1f", total / Double(reps) * 1000)) ms/step):")
    print(OpProfiler.report(total: total))
    // The issue's four buckets.
    let totals = OpProfiler.totals
    func share(_ keys: (String) -> Bool) -> Double { totals.filter { keys($0.key) }.map(\.value).reduce(0, +) }
    let matmul = share { $0.hasPrefix("sgemm") }
    let attention = share { !$0.hasPrefix("sgemm") && ($0.hasSuffix("attention") || $0.hasSuffix("softmax") || $0.hasSuffix("bmm")) }
    let optimizer = share { $0 == "adam" || $0 == "clip" }
    let bookkeeping = share { $0 == "tape bookkeeping" }
    let elementwise = share { $0.hasPrefix("forward") || $0.hasPrefix("backward") } - attention
    let rest = total - matmul - attention - optimizer - bookkeeping - elementwise
    print(String(format: "summary: matmul %.0f %%, elementwise/GRU cell/norms %.0f %%, attention core %.0f %%, optimizer %.0f %%, tape bookkeeping + glue %.0f %%",
                 100 * matmul / total, 100 * elementwise / total, 100 * attention / total, 100 * optimizer / total,
                 100 * (bookkeeping + rest) / total))
}
