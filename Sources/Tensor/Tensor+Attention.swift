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
            q.data.withUnsafeBufferPointer { pq in
            k.data.withUnsafeBufferPointer { pk in
            v.data.withUnsafeBufferPointer { pv in
                let qBase = pq.baseAddress!, kBase = pk.baseAddress!, vBase = pv.baseAddress!
                var dS = [Float](repeating: 0, count: tk)
                dS.withUnsafeMutableBufferPointer { dsb in
                    let dSp = dsb.baseAddress!
                    for bi in 0..<b {
                        let keys = valid[bi]
                        if keys.isEmpty { continue }
                        for h in 0..<heads {
                            for i in 0..<tq {
                                let p = probs.p + ((bi * heads + h) * tq + i) * tk
                                let off = (bi * tq + i) * d + h * dh
                                let gRow = g + off
                                VectorOps.dots(gRow, base: vBase + bi * tk * d + h * dh, stride: d, keys: keys, n: dh, scale: 1, into: dSp)
                                var dot: Float = 0
                                for j in keys {
                                    dot += p[j] * dSp[j]
                                    if let gv { VectorOps.axpy(p[j], gRow, gv + (bi * tk + j) * d + h * dh, dh) }
                                }
                                for j in keys {
                                    let ds = p[j] * (dSp[j] - dot) * scale
                                    dSp[j] = ds
                                    if let gk { VectorOps.axpy(ds, qBase + off, gk + (bi * tk + j) * d + h * dh, dh) }
                                }
                                if let gq {
                                    VectorOps.weightedRowSum(weights: dSp, keys: keys, base: kBase + bi * tk * d + h * dh,
                                                             stride: d, n: dh, into: gq + off)
                                }
                            }
                        }
                    }
                }
            }}}
        }
        return output
    }
}
