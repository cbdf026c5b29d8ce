import Foundation
import Tensor

/// Per-CPU-second GFLOP/s of one product shape under the four transpose layouts (interleaved runs).
func runGemmLayoutBenchmark() {
    TensorRuntime.keepBuffersResident()
    var rng = TensorRNG(seed: 4)
    for (m, k, n) in [(5280, 128, 128), (4224, 128, 384), (960, 256, 256)] {
        let a = Tensor.randn([m, k], rng: &rng), at = a.transposed(0, 1)
        let b = Tensor.randn([k, n], rng: &rng), bt = b.transposed(0, 1)
        var times: [String: [Double]] = [:]
        for _ in 0..<9 {
            for (name, x, y, ta, tb) in [("NN", a, b, false, false), ("NT", a, bt, false, true), ("TN", at, b, true, false)] {
                let t0 = OpProfiler.now()
                for _ in 0..<3 { _ = Tensor.bmm(x.reshaped([1] + x.shape), y.reshaped([1] + y.shape), transposeA: ta, transposeB: tb) }
                times[name, default: []].append((OpProfiler.now() - t0) / 3)
            }
        }
        let flops = 2.0 * Double(m * n * k)
        print("\(m)×\(k)·\(k)×\(n): " + times.keys.sorted().map { String(format: "%@ %.1f", $0, flops / median(times[$0]!) / 1e9) }.joined(separator: ", "))
    }
}
