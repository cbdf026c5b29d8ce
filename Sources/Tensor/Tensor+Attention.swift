import Foundation

/// Fused multi-head scaled dot-product attention core (no projections), heads laid out side by side:
/// q `[B, Tq, D]`, k and v `[B, Tk, D]`, D = heads · dh, keyMask `[B, Tk]` (1 valid, 0 pad) or nil.
///   out[b, i, head] = Σ_j softmax_j(q[b,i,head] · k[b,j,head] / √dh over valid j) · v[b, j, head]
/// A query whose keys are all masked gets zeros and passes zero gradient. Backward:
///   dP = dO Vᵀ, dS = P ⊙ (dP − Σ_j P dP) / √dh, dQ = dS K, dK = dSᵀ Q, dV = Pᵀ dO.
extension Tensor {
    public static func attention(query q: Tensor, key k: Tensor, value v: Tensor, heads: Int, keyMask: Tensor?) -> Tensor {
        precondition(q.rank == 3 && k.rank == 3 && v.rank == 3 && k.shape == v.shape && q.shape[0] == k.shape[0]
                     && q.shape[2] == k.shape[2] && q.shape[2] % heads == 0,
                     "attention: query \(q.shape), key \(k.shape), value \(v.shape) must be [B, T, heads·dh] with equal B and D")
        let b = q.shape[0], tq = q.shape[1], tk = k.shape[1], d = q.shape[2], dh = d / heads
        let scale = 1 / Float(dh).squareRoot()
        let mask: [Float]? = keyMask.map {
            precondition($0.count == b * tk, "attention: keyMask \($0.shape) must be [B, Tk] = [\(b), \(tk)]")
            return $0.data
        }
        // Valid key indices per batch element.
        let valid: [[Int]] = (0..<b).map { bi in
            guard let mask else { return Array(0..<tk) }
            return (0..<tk).filter { mask[bi * tk + $0] != 0 }
        }
        let probs = ScratchBuffer(b * heads * tq * tk)
        var out = [Float](repeating: 0, count: b * tq * d)
        q.data.withUnsafeBufferPointer { pq in
        k.data.withUnsafeBufferPointer { pk in
        v.data.withUnsafeBufferPointer { pv in
        out.withUnsafeMutableBufferPointer { po in
            let qBase = pq.baseAddress!, kBase = pk.baseAddress!, vBase = pv.baseAddress!, oBase = po.baseAddress!
            for bi in 0..<b {
                let keys = valid[bi]
                if keys.isEmpty { continue }
                for h in 0..<heads {
                    for i in 0..<tq {
                        let qRow = qBase + (bi * tq + i) * d + h * dh
                        let p = probs.p + ((bi * heads + h) * tq + i) * tk
                        VectorOps.dots(qRow, base: kBase + bi * tk * d + h * dh, stride: d, keys: keys, n: dh, scale: scale, into: p)
                        var m = -Float.infinity
                        for j in keys { m = Swift.max(m, p[j]) }
                        var total: Float = 0
                        for j in keys {
                            let e = Foundation.exp(p[j] - m)
                            p[j] = e
                            total += e
                        }
                        let r = 1 / total
                        for j in keys { p[j] *= r }
                        VectorOps.weightedRowSum(weights: p, keys: keys, base: vBase + bi * tk * d + h * dh, stride: d, n: dh,
                                                 into: oBase + (bi * tq + i) * d + h * dh)
                    }
                }
            }
        }}}}
        let output = Tensor(shape: [b, tq, d], scalars: out)
        guard let tape = Tape.current, tape.needsGrad(q) || tape.needsGrad(k) || tape.needsGrad(v) else { return output }
        tape.record(output, op: .attention) { tape, g in
            let gq = tape.grad(q), gk = tape.grad(k), gv = tape.grad(v)
            let queries = Array(0..<tq)
            // Per (batch, head): dS [tq, tk] row-major, then Pᵀ and dSᵀ [tk, tq] so every accumulation
            // (dQ rows over keys, dK and dV rows over queries) runs in registers.
            let dS = ScratchBuffer(tq * tk), pT = ScratchBuffer(tk * tq), dST = ScratchBuffer(tk * tq)
            q.data.withUnsafeBufferPointer { pq in
            k.data.withUnsafeBufferPointer { pk in
            v.data.withUnsafeBufferPointer { pv in
                let qBase = pq.baseAddress!, kBase = pk.baseAddress!, vBase = pv.baseAddress!
                for bi in 0..<b {
                    let keys = valid[bi]
                    if keys.isEmpty { continue }
                    for h in 0..<heads {
                        let kvHead = bi * tk * d + h * dh, qHead = bi * tq * d + h * dh
                        for i in 0..<tq {
                            let p = probs.p + ((bi * heads + h) * tq + i) * tk
                            let row = dS.p + i * tk
                            VectorOps.dots(g + qHead + i * d, base: vBase + kvHead, stride: d, keys: keys, n: dh, scale: 1, into: row)
                            var dot: Float = 0
                            for j in keys { dot += p[j] * row[j] }
                            for j in keys {
                                row[j] = p[j] * (row[j] - dot) * scale
                                pT.p[j * tq + i] = p[j]
                                dST.p[j * tq + i] = row[j]
                            }
                            if let gq {
                                VectorOps.weightedRowSum(weights: row, keys: keys, base: kBase + kvHead, stride: d, n: dh,
                                                         into: gq + qHead + i * d)
                            }
                        }
                        for j in keys {
                            if let gv {
                                VectorOps.weightedRowSum(weights: pT.p + j * tq, keys: queries, base: g + qHead, stride: d, n: dh,
                                                         into: gv + kvHead + j * d)
                            }
                            if let gk {
                                VectorOps.weightedRowSum(weights: dST.p + j * tq, keys: queries, base: qBase + qHead, stride: d,
                                                         n: dh, into: gk + kvHead + j * d)
                            }
                        }
                    }
                }
            }}}
        }
        return output
    }
}
