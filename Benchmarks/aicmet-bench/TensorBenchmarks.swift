import Foundation
import Tensor

/// sgemm throughput and the reference-network training step (issue 3).
func runTensorBenchmarks(options: Set<String>) {
    print("== tensor engine ==")
    let coretype = ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"]
    print("OPENBLAS_CORETYPE=\(coretype ?? "(unset)")  BLAS threads=\(BLAS.threads)  sgemm backend: \(BLAS.backend.rawValue)")
    if coretype == nil {
        print("warning: OPENBLAS_CORETYPE is unset, so OpenBLAS auto-selects kernels; this machine class expects Haswell (docs/toolchain.md)")
    }
    if options.isEmpty || options.contains("tensor") || options.contains("sgemm") { runSgemmBenchmarks() }
    if options.isEmpty || options.contains("tensor") || options.contains("step") { runStepBenchmarks(profile: !options.contains("noprofile")) }
}

/// GFLOP/s of `Tensor.matmul` (one thread) at square sizes and at the skinny shapes of the reference
/// network (GRU step: 352×128 · 128×384; input projection 5280×128 · 128×384; decoder 960×256 · 256×256).
func runSgemmBenchmarks() {
    let saved = BLAS.threads
    BLAS.threads = 1
    defer { BLAS.threads = saved }
    var rng = TensorRNG(seed: 1)
    let shapes: [(String, Int, Int, Int)] = [
        ("64³", 64, 64, 64), ("128³", 128, 128, 128), ("256³", 256, 256, 256), ("512³", 512, 512, 512),
        ("GRU step 352×128·128×384", 352, 128, 384), ("GRU input 5280×128·128×384", 5280, 128, 384),
        ("decoder 960×256·256×256", 960, 256, 256), ("attention proj 5280×128·128×128", 5280, 128, 128),
    ]
    print("sgemm, 1 thread (median GFLOP/s wall; the native AVX-512 kernel and OpenBLAS alternate per shape):")
    let savedBackend = BLAS.backend
    defer { BLAS.backend = savedBackend }
    let backends: [GemmBackend] = BLAS.nativeAvailable ? [.openblas, .native] : [.openblas]
    for (name, m, k, n) in shapes {
        let a = Tensor.randn([m, k], rng: &rng), b = Tensor.randn([k, n], rng: &rng)
        let flops = 2.0 * Double(m * n * k)
        let reps = max(3, Int(2e9 / flops))
        var line = "  " + name.padding(toLength: 34, withPad: " ", startingAt: 0)
        var rate: [GemmBackend: Double] = [:]
        for backend in backends {
            BLAS.backend = backend
            _ = a.matmul(b)
            var samples: [Sample] = []
            for _ in 0..<7 { samples.append(measure { for _ in 0..<reps { _ = a.matmul(b) } }) }
            let s = summarize(samples)
            rate[backend] = flops * Double(reps) / s.median / 1e9
            line += String(format: "  %@ %6.1f", backend.rawValue, rate[backend]!) + (s.disturbed ? String(format: " (disturbed %.2f CPU)", s.otherLoad) : "")
        }
        if let native = rate[.native], let openblas = rate[.openblas] { line += String(format: "  native / OpenBLAS %.2f×", native / openblas) }
        print(line)
    }
}
