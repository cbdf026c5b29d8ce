/// Shape ops: reshape, transpose, concat, slice, gather, broadcast. All materialise their output
/// except `reshaped`, which shares storage (copy-on-write).
extension Tensor {
    /// Same data, new shape; one dimension may be -1 (inferred).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        var s = newShape
        if let k = s.firstIndex(of: -1) {
            let known = s.enumerated().filter { $0.offset != k }.map(\.element).reduce(1, *)
            precondition(known > 0 && count % known == 0, "reshaped: cannot reshape \(shape) to \(newShape)")
            s[k] = count / known
        }
        precondition(Tensor.elementCount(s) == count, "reshaped: cannot reshape \(shape) (\(count) elements) to \(newShape)")
        let out = Tensor(shape: s, scalars: data)
        if let tape = Tape.current, tape.needsGrad(self) {
            let n = count
            tape.record(out, op: .shape) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                for i in 0..<n { gx[i] += g[i] }
            }
        }
        return out
    }

    /// Gathers `self` through element strides `src` laid out as `outShape`; backward scatters back.
    func strided(_ outShape: [Int], sourceStrides src: [Int]) -> Tensor {
        let n = Tensor.elementCount(outShape)
        let dst = Broadcast.contiguousStrides(outShape)
        var values = [Float](repeating: 0, count: n)
        data.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { o in
                Broadcast.forEachRow(outShape, [dst, src]) { off, len, inner in
                    let oo = off[0], so = off[1], ss = inner[1]
                    for i in 0..<len { o[oo + i] = x[so + i * ss] }
                }
            }
        }
        let out = Tensor(shape: outShape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .shape) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                Broadcast.forEachRow(outShape, [dst, src]) { off, len, inner in
                    let oo = off[0], so = off[1], ss = inner[1]
                    for i in 0..<len { gx[so + i * ss] += g[oo + i] }
                }
            }
        }
        return out
    }

    /// Swaps axes `a` and `b` (materialised).
    public func transposed(_ a: Int, _ b: Int) -> Tensor {
        let x = normalizedAxis(a), y = normalizedAxis(b)
        if x == y { return reshaped(shape) }
        var outShape = shape
        outShape.swapAt(x, y)
        var src = Broadcast.contiguousStrides(shape)
        src.swapAt(x, y)
        return strided(outShape, sourceStrides: src)
    }

    /// Reorders axes: output axis i is input axis `axes[i]` (materialised).
    public func permuted(_ axes: [Int]) -> Tensor {
        precondition(axes.sorted() == Array(0..<rank), "permuted: \(axes) is not a permutation of 0..<\(rank)")
        let strides = Broadcast.contiguousStrides(shape)
        return strided(axes.map { shape[$0] }, sourceStrides: axes.map { strides[$0] })
    }

    /// Repeats size-1 (or missing leading) dims to `outShape` (numpy rules). Backward sums them back.
    public func broadcast(to outShape: [Int]) -> Tensor {
        if outShape == shape { return self }
        return strided(outShape, sourceStrides: Broadcast.strides(of: shape, in: outShape))
    }

    public func expand(to outShape: [Int]) -> Tensor { broadcast(to: outShape) }

    /// Joins tensors along `axis`; all other dims must match.
    public static func concat(_ ts: [Tensor], axis: Int) -> Tensor {
        precondition(!ts.isEmpty, "concat: no tensors")
        let first = ts[0]
        let ax = first.normalizedAxis(axis)
        for t in ts {
            precondition(t.rank == first.rank && (0..<t.rank).allSatisfy { $0 == ax || t.shape[$0] == first.shape[$0] },
                         "concat: shape \(t.shape) does not match \(first.shape) off axis \(ax)")
        }
        let outer = first.shape[..<ax].reduce(1, *)
        let inner = first.shape[(ax + 1)...].reduce(1, *)
        let widths = ts.map { $0.shape[ax] * inner }
        let total = widths.reduce(0, +)
        var outShape = first.shape
        outShape[ax] = ts.map { $0.shape[ax] }.reduce(0, +)
        let values = [Float](unsafeUninitializedCapacity: outer * total) { o, initialized in
            var start = 0
            for (k, t) in ts.enumerated() {
                let w = widths[k]
                t.data.withUnsafeBufferPointer { x in
                    for p in 0..<outer { (o.baseAddress! + p * total + start).update(from: x.baseAddress! + p * w, count: w) }
                }
                start += w
            }
            initialized = outer * total
        }
        let out = Tensor(shape: outShape, scalars: values)
        if let tape = Tape.current, ts.contains(where: { tape.needsGrad($0) }) {
            tape.record(out, op: .shape) { tape, g in
                var start = 0
                for (k, t) in ts.enumerated() {
                    let w = widths[k]
                    if let gx = tape.grad(t) {
                        for p in 0..<outer { VectorOps.add(g + p * total + start, gx + p * w, w) }
                    }
                    start += w
                }
            }
        }
        return out
    }

    /// Stacks equally shaped tensors along a new axis `axis` (0...rank).
    public static func stack(_ ts: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!ts.isEmpty, "stack: no tensors")
        let shape = ts[0].shape
        let ax = axis < 0 ? axis + shape.count + 1 : axis
        precondition(ax >= 0 && ax <= shape.count, "stack: axis \(axis) out of range for shape \(shape)")
        var expanded = shape
        expanded.insert(1, at: ax)
        return concat(ts.map {
            precondition($0.shape == shape, "stack: shape \($0.shape) differs from \(shape)")
            return $0.reshaped(expanded)
        }, axis: ax)
    }

    /// Entries `range` along `axis`.
    public func slice(axis: Int, range: Range<Int>) -> Tensor {
        let ax = normalizedAxis(axis)
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[ax],
                     "slice: range \(range) out of bounds for axis \(ax) of \(shape)")
        let (outer, n, inner) = split(at: ax)
        let w = range.count * inner
        let start = range.lowerBound * inner
        var outShape = shape
        outShape[ax] = range.count
        let values = [Float](unsafeUninitializedCapacity: outer * w) { o, initialized in
            data.withUnsafeBufferPointer { x in
                for p in 0..<outer { (o.baseAddress! + p * w).update(from: x.baseAddress! + p * n * inner + start, count: w) }
            }
            initialized = outer * w
        }
        let out = Tensor(shape: outShape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .shape) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                for p in 0..<outer { VectorOps.add(g + p * w, gx + p * n * inner + start, w) }
            }
        }
        return out
    }

    /// Gathers entries `indices` along `axis` (repeats allowed); backward scatter-adds.
    /// An index of -1 yields zeros (used for "no such row", e.g. a GRU's last state at length 0).
    public func indexSelect(axis: Int, indices: [Int]) -> Tensor {
        let ax = normalizedAxis(axis)
        let (outer, n, inner) = split(at: ax)
        for i in indices {
            precondition(i >= -1 && i < n, "indexSelect: index \(i) out of range 0..<\(n) on axis \(ax) of \(shape)")
        }
        let m = indices.count
        var outShape = shape
        outShape[ax] = m
        var values = [Float](repeating: 0, count: outer * m * inner)
        data.withUnsafeBufferPointer { x in
            values.withUnsafeMutableBufferPointer { o in
                for p in 0..<outer {
                    for (j, idx) in indices.enumerated() where idx >= 0 {
                        (o.baseAddress! + (p * m + j) * inner).update(from: x.baseAddress! + (p * n + idx) * inner, count: inner)
                    }
                }
            }
        }
        let out = Tensor(shape: outShape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(self) {
            tape.record(out, op: .shape) { [self] tape, g in
                guard let gx = tape.grad(self) else { return }
                for p in 0..<outer {
                    for (j, idx) in indices.enumerated() where idx >= 0 {
                        VectorOps.add(g + (p * m + j) * inner, gx + (p * n + idx) * inner, inner)
                    }
                }
            }
        }
        return out
    }
}
