import Foundation
import Tensor

/// GFLOP/s (per CPU-second) of the three products of a Linear layer's step, forward y = x Wᵀ,
/// backward dX = G W and dW = Gᵀ X, at the reference network's shapes.
func runGemmVariantBenchmark() {
    TensorRuntime.keepBuffersResident()
    let saved = BLAS.threads
    BLAS.threads = 1
    defer { BLAS.threads = saved }
    var rng = TensorRNG(seed: 2)
    for (m, inF, outF) in [(5280, 128, 128), (960, 256, 256), (4224, 128, 384), (352, 128, 384)] {
        let x = Tensor.randn([m, inF], rng: &rng).requiringGrad()
        let w = Tensor.randn([outF, inF], rng: &rng).requiringGrad()
        let flops = 2.0 * Double(m * inF * outF)
        let (fwd, bwd) = forwardBackwardSeconds(repeats: 9) { Tensor.linear(x, weight: w, bias: nil) }
        print(String(format: "linear %5d×%3d→%3d: forward %6.1f GFLOP/s, backward (dX + dW) %6.1f GFLOP/s", m, inF, outF,
                     flops / fwd / 1e9, 2 * flops / bwd / 1e9))
    }
}
