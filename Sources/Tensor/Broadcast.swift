/// Numpy broadcasting and strided iteration shared by elementwise ops, reductions and copies.
enum Broadcast {
    /// The broadcast shape of `a` and `b` (numpy rules: align right, sizes equal or 1).
    static func shape(_ a: [Int], _ b: [Int]) -> [Int] {
        let rank = max(a.count, b.count)
        var out = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            precondition(da == db || da == 1 || db == 1, "broadcast: shapes \(a) and \(b) are incompatible")
            out[i] = da == 1 ? db : da
        }
        return out
    }

    /// Element strides of a contiguous tensor of `shape` viewed in `outShape` (0 on broadcast dims).
    static func strides(of shape: [Int], in outShape: [Int]) -> [Int] {
        precondition(shape.count <= outShape.count, "broadcast: \(shape) cannot broadcast to \(outShape)")
        let offset = outShape.count - shape.count
        var strides = [Int](repeating: 0, count: outShape.count)
        var step = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            precondition(shape[i] == outShape[i + offset] || shape[i] == 1,
                         "broadcast: \(shape) cannot broadcast to \(outShape)")
            strides[i + offset] = shape[i] == 1 ? 0 : step
            step *= shape[i]
        }
        return strides
    }

    /// Contiguous row-major strides of `shape`.
    static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 0, count: shape.count)
        var step = 1
        for i in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[i] = step
            step *= shape[i]
        }
        return strides
    }

    /// Drops size-1 dims and merges adjacent dims that every operand walks contiguously.
    static func coalesce(_ shape: [Int], _ strides: [[Int]]) -> (shape: [Int], strides: [[Int]]) {
        var outShape: [Int] = []
        var outStrides = [[Int]](repeating: [], count: strides.count)
        for d in 0..<shape.count where shape[d] != 1 {
            if let last = outShape.last,
               (0..<strides.count).allSatisfy({ outStrides[$0].last! == strides[$0][d] * shape[d] }) {
                outShape[outShape.count - 1] = last * shape[d]
                for k in 0..<strides.count { outStrides[k][outStrides[k].count - 1] = strides[k][d] }
            } else {
                outShape.append(shape[d])
                for k in 0..<strides.count { outStrides[k].append(strides[k][d]) }
            }
        }
        if outShape.isEmpty {
            outShape = [1]
            for k in 0..<strides.count { outStrides[k] = [0] }
        }
        return (outShape, outStrides)
    }

    /// Calls `body(offsets, n, innerStrides)` for every innermost row of `shape`, where `offsets[k]` is
    /// operand k's element offset at the row start, `n` the row length and `innerStrides[k]` its stride.
    @inline(__always)
    static func forEachRow(_ shape: [Int], _ strides: [[Int]],
                           _ body: (_ offsets: UnsafeMutablePointer<Int>, _ n: Int, _ inner: UnsafePointer<Int>) -> Void) {
        let (s, st) = coalesce(shape, strides)
        let rank = s.count
        let operands = st.count
        let n = s[rank - 1]
        var inner = [Int](repeating: 0, count: operands)
        for k in 0..<operands { inner[k] = st[k][rank - 1] }
        var offsets = [Int](repeating: 0, count: operands)
        var counter = [Int](repeating: 0, count: rank)
        let rows = s.dropLast().reduce(1, *)
        if s.contains(0) { return }
        offsets.withUnsafeMutableBufferPointer { off in
            inner.withUnsafeBufferPointer { inn in
                for _ in 0..<rows {
                    body(off.baseAddress!, n, inn.baseAddress!)
                    // Advance the multi-index over the outer dims.
                    var d = rank - 2
                    while d >= 0 {
                        counter[d] += 1
                        for k in 0..<operands { off[k] += st[k][d] }
                        if counter[d] < s[d] { break }
                        for k in 0..<operands { off[k] -= st[k][d] * s[d] }
                        counter[d] = 0
                        d -= 1
                    }
                }
            }
        }
    }

    /// Materialises `values` (contiguous, `shape`) broadcast to `outShape`.
    static func expand(_ values: [Float], shape: [Int], to outShape: [Int]) -> [Float] {
        if shape == outShape { return values }
        let count = Tensor.elementCount(outShape)
        var out = [Float](repeating: 0, count: count)
        let src = strides(of: shape, in: outShape)
        let dst = contiguousStrides(outShape)
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                forEachRow(outShape, [dst, src]) { off, n, inner in
                    let oo = off[0], so = off[1], ss = inner[1]
                    for i in 0..<n { o[oo + i] = v[so + i * ss] }
                }
            }
        }
        return out
    }

    /// Adds `grad` (contiguous, `outShape`) into `target` (contiguous, `shape`), summing broadcast dims.
    static func reduceAdd(_ grad: UnsafePointer<Float>, outShape: [Int], into target: UnsafeMutablePointer<Float>, shape: [Int]) {
        if shape == outShape {
            let n = Tensor.elementCount(shape)
            for i in 0..<n { target[i] += grad[i] }
            return
        }
        let src = contiguousStrides(outShape)
        let dst = strides(of: shape, in: outShape)
        forEachRow(outShape, [src, dst]) { off, n, inner in
            let go = off[0], to = off[1], ts = inner[1]
            if ts == 0 {
                var s: Float = 0
                for i in 0..<n { s += grad[go + i] }
                target[to] += s
            } else {
                for i in 0..<n { target[to + i * ts] += grad[go + i] }
            }
        }
    }
}
