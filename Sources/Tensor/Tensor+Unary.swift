import Foundation

/// Elementwise unary ops (same shape in and out).
extension Tensor {
    /// out = f(x); backward adds `grad(g, x, out)` (g = d(loss)/d(out)).
    @inline(__always)
    func map(_ f: @escaping (Float) -> Float,
             grad: @escaping (_ g: Float, _ x: Float, _ y: Float) -> Float) -> Tensor {
        let n = count
        let values = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
            data.withUnsafeBufferPointer { x in
                for i in 0..<n { buffer[i] = f(x[i]) }
            }
            initialized = n
        }
        let out = Tensor(shape: shape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .elementwise) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                data.withUnsafeBufferPointer { x in
                    out.data.withUnsafeBufferPointer { y in
                        for i in 0..<n { gx[i] += grad(g[i], x[i], y[i]) }
                    }
                }
            }
        }
        return out
    }

    public func exp() -> Tensor { map({ Foundation.exp($0) }, grad: { g, _, y in g * y }) }
    public func log() -> Tensor { map({ Foundation.log($0) }, grad: { g, x, _ in g / x }) }

    /// log(1 + eˣ), computed stably; derivative σ(x).
    public func softplus() -> Tensor {
        map({ Swift.max($0, 0) + Foundation.log1p(Foundation.exp(-Swift.abs($0))) },
            grad: { g, x, _ in g / (1 + Foundation.exp(-x)) })
    }

    public func tanh() -> Tensor { map({ Foundation.tanh($0) }, grad: { g, _, y in g * (1 - y * y) }) }

    public func sigmoid() -> Tensor {
        map({ 1 / (1 + Foundation.exp(-$0)) }, grad: { g, _, y in g * y * (1 - y) })
    }

    public func relu() -> Tensor { map({ Swift.max($0, 0) }, grad: { g, x, _ in x > 0 ? g : 0 }) }

    /// Exact GELU: x·Φ(x) with Φ the standard normal CDF (PyTorch's default).
    public func gelu() -> Tensor {
        map({ 0.5 * $0 * (1 + Foundation.erf($0 * 0.70710678118654752)) },
            grad: { g, x, _ in
                let cdf = 0.5 * (1 + Foundation.erf(x * 0.70710678118654752))
                let pdf = 0.39894228040143268 * Foundation.exp(-0.5 * x * x)
                return g * (cdf + x * pdf)
            })
    }

    public func square() -> Tensor { map({ $0 * $0 }, grad: { g, x, _ in 2 * g * x }) }
    public func sqrt() -> Tensor { map({ $0.squareRoot() }, grad: { g, _, y in g * 0.5 / y }) }
    public func abs() -> Tensor { map({ Swift.abs($0) }, grad: { g, x, _ in x > 0 ? g : (x < 0 ? -g : 0) }) }

    /// min(max(x, min), max); the gradient passes only where min ≤ x ≤ max.
    public func clamp(min lower: Float, max upper: Float) -> Tensor {
        map({ Swift.min(Swift.max($0, lower), upper) }, grad: { g, x, _ in (x >= lower && x <= upper) ? g : 0 })
    }
}
