import Tensor

/// Median CPU seconds of `op`'s forward pass and of the backward pass of `op(…).sum()` (the sum included),
/// over `repeats` fresh tapes.
func forwardBackwardSeconds(repeats: Int, _ op: () -> Tensor) -> (forward: Double, backward: Double) {
    var fwd: [Double] = [], bwd: [Double] = []
    for _ in 0..<repeats {
        let tape = Tape()
        let t0 = OpProfiler.now()
        let y = tape.record(op)
        let t1 = OpProfiler.now()
        let loss = tape.record { y.sum() }
        let t2 = OpProfiler.now()
        _ = tape.backward(loss)
        let t3 = OpProfiler.now()
        fwd.append(t1 - t0)
        bwd.append(t3 - t2)
    }
    return (median(fwd), median(bwd))
}
