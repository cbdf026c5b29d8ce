/// Elementwise binary ops with numpy broadcasting, and with a `Float` on either side.
/// Shapes: `a ⊕ b` has shape `Broadcast.shape(a.shape, b.shape)`; gradients are summed over broadcast dims.
extension Tensor {
    @inline(__always)
    static func binary<K: BinaryKernel>(_ a: Tensor, _ b: Tensor, _ kernel: K.Type) -> Tensor {
        let same = a.shape == b.shape
        let outShape = same ? a.shape : Broadcast.shape(a.shape, b.shape)
        let count = Tensor.elementCount(outShape)
        let outStrides = Broadcast.contiguousStrides(outShape)
        let sa = same ? outStrides : Broadcast.strides(of: a.shape, in: outShape)
        let sb = same ? outStrides : Broadcast.strides(of: b.shape, in: outShape)
        let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
            a.data.withUnsafeBufferPointer { pa in
                b.data.withUnsafeBufferPointer { pb in
                    let o = buffer.baseAddress!, x = pa.baseAddress!, y = pb.baseAddress!
                    if same {
                        var i = 0
                        while i + 8 <= count { store(K.f(load(x + i), load(y + i)), o + i); i += 8 }
                        while i < count { o[i] = K.f(x[i], y[i]); i += 1 }
                    } else {
                        Broadcast.forEachRow(outShape, [outStrides, sa, sb]) { off, n, inner in
                            let oo = off[0], ao = off[1], bo = off[2], as_ = inner[1], bs = inner[2]
                            if as_ == 1 && bs == 1 {
                                var i = 0
                                while i + 8 <= n { store(K.f(load(x + ao + i), load(y + bo + i)), o + oo + i); i += 8 }
                                while i < n { o[oo + i] = K.f(x[ao + i], y[bo + i]); i += 1 }
                            } else if as_ == 1 && bs == 0 {
                                let yv = y[bo]
                                for i in 0..<n { o[oo + i] = K.f(x[ao + i], yv) }
                            } else if as_ == 0 && bs == 1 {
                                let xv = x[ao]
                                for i in 0..<n { o[oo + i] = K.f(xv, y[bo + i]) }
                            } else {
                                for i in 0..<n { o[oo + i] = K.f(x[ao + i * as_], y[bo + i * bs]) }
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
                        if same {
                            if let ga {
                                var i = 0
                                while i + 8 <= count { store(load(ga + i) + K.da(load(g + i), load(x + i), load(y + i)), ga + i); i += 8 }
                                while i < count { ga[i] += K.da(g[i], x[i], y[i]); i += 1 }
                            }
                            if let gb {
                                var i = 0
                                while i + 8 <= count { store(load(gb + i) + K.db(load(g + i), load(x + i), load(y + i)), gb + i); i += 8 }
                                while i < count { gb[i] += K.db(g[i], x[i], y[i]); i += 1 }
                            }
                            return
                        }
                        Broadcast.forEachRow(outShape, [outStrides, sa, sb]) { off, n, inner in
                            let oo = off[0], ao = off[1], bo = off[2], as_ = inner[1], bs = inner[2]
                            if let ga {
                                if as_ == 0 {
                                    var s: Float = 0
                                    for i in 0..<n { s += K.da(g[oo + i], x[ao], y[bo + i * bs]) }
                                    ga[ao] += s
                                } else {
                                    for i in 0..<n { ga[ao + i * as_] += K.da(g[oo + i], x[ao + i * as_], y[bo + i * bs]) }
                                }
                            }
                            if let gb {
                                if bs == 0 {
                                    var s: Float = 0
                                    for i in 0..<n { s += K.db(g[oo + i], x[ao + i * as_], y[bo]) }
                                    gb[bo] += s
                                } else {
                                    for i in 0..<n { gb[bo + i * bs] += K.db(g[oo + i], x[ao + i * as_], y[bo + i * bs]) }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    public static func + (a: Tensor, b: Tensor) -> Tensor { binary(a, b, AddKernel.self) }
    public static func - (a: Tensor, b: Tensor) -> Tensor { binary(a, b, SubKernel.self) }
    public static func * (a: Tensor, b: Tensor) -> Tensor { binary(a, b, MulKernel.self) }
    public static func / (a: Tensor, b: Tensor) -> Tensor { binary(a, b, DivKernel.self) }

    public static func + (a: Tensor, s: Float) -> Tensor { a.unary(AffineKernel(m: 1, c: s)) }
    public static func + (s: Float, a: Tensor) -> Tensor { a.unary(AffineKernel(m: 1, c: s)) }
    public static func - (a: Tensor, s: Float) -> Tensor { a.unary(AffineKernel(m: 1, c: -s)) }
    public static func - (s: Float, a: Tensor) -> Tensor { a.unary(AffineKernel(m: -1, c: s)) }
    public static func * (a: Tensor, s: Float) -> Tensor { a.unary(AffineKernel(m: s, c: 0)) }
    public static func * (s: Float, a: Tensor) -> Tensor { a.unary(AffineKernel(m: s, c: 0)) }
    public static func / (a: Tensor, s: Float) -> Tensor { a.unary(AffineKernel(m: 1 / s, c: 0)) }
    public static func / (s: Float, a: Tensor) -> Tensor { a.unary(ReciprocalKernel(s: s)) }
    public static prefix func - (a: Tensor) -> Tensor { a.unary(AffineKernel(m: -1, c: 0)) }
}
