/// Elementwise binary ops with numpy broadcasting, and with a `Float` on either side.
/// Shapes: `a ⊕ b` has shape `Broadcast.shape(a.shape, b.shape)`; gradients are summed over broadcast dims.
extension Tensor {
    /// out = f(a, b) elementwise; backward adds `g·∂f/∂a` into a and `g·∂f/∂b` into b.
    @inline(__always)
    static func binary(_ a: Tensor, _ b: Tensor,
                       _ f: @escaping (Float, Float) -> Float,
                       da: @escaping (_ g: Float, _ a: Float, _ b: Float) -> Float,
                       db: @escaping (_ g: Float, _ a: Float, _ b: Float) -> Float) -> Tensor {
        let outShape = a.shape == b.shape ? a.shape : Broadcast.shape(a.shape, b.shape)
        let count = Tensor.elementCount(outShape)
        let outStrides = Broadcast.contiguousStrides(outShape)
        let sa = Broadcast.strides(of: a.shape, in: outShape)
        let sb = Broadcast.strides(of: b.shape, in: outShape)
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            a.data.withUnsafeBufferPointer { pa in
                b.data.withUnsafeBufferPointer { pb in
                    let o = buffer.baseAddress!, x = pa.baseAddress!, y = pb.baseAddress!
                    if a.shape == b.shape {
                        for i in 0..<count { o[i] = f(x[i], y[i]) }
                    } else {
                        Broadcast.forEachRow(outShape, [outStrides, sa, sb]) { off, n, inner in
                            let oo = off[0], ao = off[1], bo = off[2], as_ = inner[1], bs = inner[2]
                            if as_ == 1 && bs == 1 {
                                for i in 0..<n { o[oo + i] = f(x[ao + i], y[bo + i]) }
                            } else if as_ == 1 && bs == 0 {
                                let yv = y[bo]
                                for i in 0..<n { o[oo + i] = f(x[ao + i], yv) }
                            } else if as_ == 0 && bs == 1 {
                                let xv = x[ao]
                                for i in 0..<n { o[oo + i] = f(xv, y[bo + i]) }
                            } else {
                                for i in 0..<n { o[oo + i] = f(x[ao + i * as_], y[bo + i * bs]) }
                            }
                        }
                    }
                }
            }
            initialized = count
        }
        let out = Tensor(shape: outShape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(a) || tape.needsGrad(b) {
            tape.record(out, op: .elementwise) { tape, g in
                let ga = tape.grad(a), gb = tape.grad(b)
                a.data.withUnsafeBufferPointer { pa in
                    b.data.withUnsafeBufferPointer { pb in
                        let x = pa.baseAddress!, y = pb.baseAddress!
                        Broadcast.forEachRow(outShape, [outStrides, sa, sb]) { off, n, inner in
                            let oo = off[0], ao = off[1], bo = off[2], as_ = inner[1], bs = inner[2]
                            if let ga {
                                for i in 0..<n { ga[ao + i * as_] += da(g[oo + i], x[ao + i * as_], y[bo + i * bs]) }
                            }
                            if let gb {
                                for i in 0..<n { gb[bo + i * bs] += db(g[oo + i], x[ao + i * as_], y[bo + i * bs]) }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, { $0 + $1 }, da: { g, _, _ in g }, db: { g, _, _ in g })
    }

    public static func - (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, { $0 - $1 }, da: { g, _, _ in g }, db: { g, _, _ in -g })
    }

    public static func * (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, { $0 * $1 }, da: { g, _, y in g * y }, db: { g, x, _ in g * x })
    }

    public static func / (a: Tensor, b: Tensor) -> Tensor {
        binary(a, b, { $0 / $1 }, da: { g, _, y in g / y }, db: { g, x, y in -g * x / (y * y) })
    }

    public static func + (a: Tensor, s: Float) -> Tensor { a.map({ $0 + s }, grad: { g, _, _ in g }) }
    public static func + (s: Float, a: Tensor) -> Tensor { a + s }
    public static func - (a: Tensor, s: Float) -> Tensor { a + (-s) }
    public static func - (s: Float, a: Tensor) -> Tensor { a.map({ s - $0 }, grad: { g, _, _ in -g }) }
    public static func * (a: Tensor, s: Float) -> Tensor { a.map({ $0 * s }, grad: { g, _, _ in g * s }) }
    public static func * (s: Float, a: Tensor) -> Tensor { a * s }
    public static func / (a: Tensor, s: Float) -> Tensor { a * (1 / s) }
    public static func / (s: Float, a: Tensor) -> Tensor {
        a.map({ s / $0 }, grad: { g, x, _ in -g * s / (x * x) })
    }

    public static prefix func - (a: Tensor) -> Tensor { a.map({ -$0 }, grad: { g, _, _ in -g }) }
}
