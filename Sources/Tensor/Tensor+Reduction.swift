import Foundation

/// Reductions. `sum()`/`mean()` over all elements return a 0-rank tensor (shape `[]`, one element).
/// Axis reductions view the tensor as [outer, n, inner] around `axis` (negative axes count from the end).
extension Tensor {
    func normalizedAxis(_ axis: Int, rank r: Int? = nil) -> Int {
        let r = r ?? rank
        let a = axis < 0 ? axis + r : axis
        precondition(a >= 0 && a < r, "Tensor: axis \(axis) out of range for shape \(shape)")
        return a
    }

    /// (outer, n, inner) around `axis`.
    func split(at axis: Int) -> (outer: Int, n: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    func reducedShape(_ axis: Int, keepDims: Bool) -> [Int] {
        var s = shape
        if keepDims { s[axis] = 1 } else { s.remove(at: axis) }
        return s
    }

    /// Σ over all elements → shape `[]`.
    public func sum() -> Tensor {
        var s: Float = 0
        data.withUnsafeBufferPointer { for v in $0 { s += v } }
        let out = Tensor(shape: [], scalars: [s])
        if let tape = Tape.current, tape.needsGrad(self) {
            let n = count
            tape.record(out, op: .reduction) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                let gv = g[0]
                for i in 0..<n { gx[i] += gv }
            }
        }
        return out
    }

    /// Mean over all elements → shape `[]`.
    public func mean() -> Tensor { sum() * (1 / Float(Swift.max(count, 1))) }

    /// Σ over `axis`.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis)
        let (outer, n, inner) = split(at: ax)
        var values = [Float](repeating: 0, count: outer * inner)
        data.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { o in
                for p in 0..<outer {
                    for j in 0..<n {
                        let base = (p * n + j) * inner
                        for i in 0..<inner { o[p * inner + i] += x[base + i] }
                    }
                }
            }
        }
        let out = Tensor(shape: reducedShape(ax, keepDims: keepDims), scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .reduction) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                for p in 0..<outer {
                    for j in 0..<n {
                        let base = (p * n + j) * inner
                        for i in 0..<inner { gx[base + i] += g[p * inner + i] }
                    }
                }
            }
        }
        return out
    }

    /// Mean over `axis`.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor {
        let n = shape[normalizedAxis(axis)]
        return sum(axis: axis, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    /// log Σ exp over `axis`, computed stably (max subtracted). Backward: g · softmax.
    public func logSumExp(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis)
        let (outer, n, inner) = split(at: ax)
        var values = [Float](repeating: 0, count: outer * inner)
        data.withUnsafeBufferPointer { x in
            for p in 0..<outer {
                for i in 0..<inner {
                    var m = -Float.infinity
                    for j in 0..<n { m = Swift.max(m, x[(p * n + j) * inner + i]) }
                    if m == -Float.infinity { values[p * inner + i] = -Float.infinity; continue }
                    var s: Float = 0
                    for j in 0..<n { s += Foundation.exp(x[(p * n + j) * inner + i] - m) }
                    values[p * inner + i] = m + Foundation.log(s)
                }
            }
        }
        let out = Tensor(shape: reducedShape(ax, keepDims: keepDims), scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .reduction) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                data.withUnsafeBufferPointer { x in
                    for p in 0..<outer {
                        for i in 0..<inner {
                            let lse = values[p * inner + i]
                            if lse == -Float.infinity { continue }
                            let gv = g[p * inner + i]
                            for j in 0..<n {
                                let k = (p * n + j) * inner + i
                                gx[k] += gv * Foundation.exp(x[k] - lse)
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// Maximum over `axis` (gradient to the first maximal entry).
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let ax = normalizedAxis(axis)
        let (outer, n, inner) = split(at: ax)
        var values = [Float](repeating: -Float.infinity, count: outer * inner)
        var arg = [Int](repeating: 0, count: outer * inner)
        data.withUnsafeBufferPointer { x in
            for p in 0..<outer {
                for j in 0..<n {
                    for i in 0..<inner {
                        let v = x[(p * n + j) * inner + i]
                        if v > values[p * inner + i] || j == 0 { values[p * inner + i] = v; arg[p * inner + i] = j }
                    }
                }
            }
        }
        let out = Tensor(shape: reducedShape(ax, keepDims: keepDims), scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .reduction) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                for p in 0..<outer {
                    for i in 0..<inner { gx[(p * n + arg[p * inner + i]) * inner + i] += g[p * inner + i] }
                }
            }
        }
        return out
    }
}
