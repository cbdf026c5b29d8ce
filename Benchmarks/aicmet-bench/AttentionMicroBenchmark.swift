import Foundation
import Tensor

/// CPU time of the fused attention core, forward and backward, at the reference self-attention shape.
func runAttentionMicroBenchmark() {
    TensorRuntime.keepBuffersResident()
    var rng = TensorRNG(seed: 3)
    let q = Tensor.randn([352, 15, 128], rng: &rng).requiringGrad()
    let k = Tensor.randn([352, 15, 128], rng: &rng).requiringGrad()
    let v = Tensor.randn([352, 15, 128], rng: &rng).requiringGrad()
    let mask = Tensor(shape: [352, 15], scalars: (0..<(352 * 15)).map { $0 % 15 < 12 ? 1 : 0 })
    let (fwd, bwd) = forwardBackwardSeconds(repeats: 10) { Tensor.attention(query: q, key: k, value: v, heads: 4, keyMask: mask) }
    print(String(format: "attention core [352,15,128] 4 heads: forward %.2f ms, backward (incl. sum) %.2f ms (CPU time, median)",
                 fwd * 1000, bwd * 1000))
}
