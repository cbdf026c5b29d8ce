/// Elementwise unary ops (same shape in and out), vectorised 8 lanes at a time.
extension Tensor {
    /// out = k.f(x); backward adds k.grad(g, x, out).
    @inline(__always)
    func unary<K: UnaryKernel>(_ k: K) -> Tensor {
        let n = count
        let values = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
            data.withUnsafeBufferPointer { x in
                let px = x.baseAddress!, py = buffer.baseAddress!
                var i = 0
                while i + 8 <= n { store(k.f(load(px + i)), py + i); i += 8 }
                while i < n { py[i] = k.f(px[i]); i += 1 }
            }
            initialized = n
        }
        let out = Tensor(shape: shape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .elementwise) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                data.withUnsafeBufferPointer { xb in
                    out.data.withUnsafeBufferPointer { yb in
                        let x = xb.baseAddress!, y = yb.baseAddress!
                        var i = 0
                        while i + 8 <= n { store(load(gx + i) + k.grad(load(g + i), load(x + i), load(y + i)), gx + i); i += 8 }
                        while i < n { gx[i] += k.grad(g[i], x[i], y[i]); i += 1 }
                    }
                }
            }
        }
        return out
    }

    public func exp() -> Tensor { unary(ExpKernel()) }
    public func log() -> Tensor { unary(LogKernel()) }
    /// log(1 + eˣ), computed stably; derivative σ(x).
    public func softplus() -> Tensor { unary(SoftplusKernel()) }
    public func tanh() -> Tensor { unary(TanhKernel()) }
    public func sigmoid() -> Tensor { unary(SigmoidKernel()) }
    public func relu() -> Tensor { unary(ReluKernel()) }
    /// Exact GELU: x·Φ(x) with Φ the standard normal CDF (PyTorch's default).
    public func gelu() -> Tensor { unary(GeluKernel()) }
    public func square() -> Tensor { unary(SquareKernel()) }
    public func sqrt() -> Tensor { unary(SqrtKernel()) }
    public func abs() -> Tensor { unary(AbsKernel()) }
    /// (1 − e^−x) / x, 1 at x = 0 (the finite-window factor of exponential decay).
    public func exprel() -> Tensor { unary(ExprelKernel()) }
    /// min(max(x, min), max); the gradient passes only where min ≤ x ≤ max.
    public func clamp(min lower: Float, max upper: Float) -> Tensor { unary(ClampKernel(lo: lower, hi: upper)) }
}
