import Foundation

extension Tensor {
    /// Softmax over `axis` restricted to entries where `mask` (broadcastable to self; 1 keep, 0 masked) is
    /// non-zero. Masked entries are 0. A row with every entry masked is all zeros (never NaN) and passes
    /// zero gradient. Backward: dx = y ⊙ (g − Σ g ⊙ y).
    public func maskedSoftmax(mask: Tensor?, axis: Int = -1) -> Tensor {
        let ax = normalizedAxis(axis)
        let (outer, n, inner) = split(at: ax)
        let keep: [Float] = mask.map { Broadcast.expand($0.data, shape: $0.shape, to: shape) } ?? [Float](repeating: 1, count: count)
        var values = [Float](repeating: 0, count: count)
        data.withUnsafeBufferPointer { xb in
            keep.withUnsafeBufferPointer { kb in
                values.withUnsafeMutableBufferPointer { yb in
                    let x = xb.baseAddress!, k = kb.baseAddress!, y = yb.baseAddress!
                    for p in 0..<outer {
                        for i in 0..<inner {
                            let base = p * n * inner + i
                            var m = -Float.infinity
                            for j in 0..<n where k[base + j * inner] != 0 { m = Swift.max(m, x[base + j * inner]) }
                            if m == -Float.infinity { continue }  // all masked: zeros
                            var s: Float = 0
                            for j in 0..<n where k[base + j * inner] != 0 {
                                let e = Foundation.exp(x[base + j * inner] - m)
                                y[base + j * inner] = e
                                s += e
                            }
                            let r = 1 / s
                            for j in 0..<n { y[base + j * inner] *= r }
                        }
                    }
                }
            }
        }
        let out = Tensor(shape: shape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .softmax) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                out.data.withUnsafeBufferPointer { y in
                    for p in 0..<outer {
                        for i in 0..<inner {
                            let base = p * n * inner + i
                            var dot: Float = 0
                            for j in 0..<n { dot += g[base + j * inner] * y[base + j * inner] }
                            for j in 0..<n {
                                let k = base + j * inner
                                gx[k] += y[k] * (g[k] - dot)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Plain softmax over `axis`.
    public func softmax(axis: Int = -1) -> Tensor { maskedSoftmax(mask: nil, axis: axis) }
}
