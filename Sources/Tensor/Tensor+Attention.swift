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
        var probs = [Float](repeating: 0, count: b * heads * tq * tk)
        var out = [Float](repeating: 0, count: b * tq * d)
        q.data.withUnsafeBufferPointer { pq in
        k.data.withUnsafeBufferPointer { pk in
        v.data.withUnsafeBufferPointer { pv in
        probs.withUnsafeMutableBufferPointer { pp in
        out.withUnsafeMutableBufferPointer { po in
            var s = [Float](repeating: 0, count: tk)
            for bi in 0..<b {
                for h in 0..<heads {
                    for i in 0..<tq {
                        let qRow = pq.baseAddress! + (bi * tq + i) * d + h * dh
                        let p = pp.baseAddress! + ((bi * heads + h) * tq + i) * tk
                        var m = -Float.infinity
                        for j in 0..<tk where mask.map({ $0[bi * tk + j] != 0 }) ?? true {
                            s[j] = scale * VectorOps.dot(qRow, pk.baseAddress! + (bi * tk + j) * d + h * dh, dh)
                            m = Swift.max(m, s[j])
                        }
                        if m == -Float.infinity { continue }
                        var total: Float = 0
                        for j in 0..<tk where mask.map({ $0[bi * tk + j] != 0 }) ?? true {
                            let e = Foundation.exp(s[j] - m)
                            p[j] = e
                            total += e
                        }
                        let r = 1 / total
                        let oRow = po.baseAddress! + (bi * tq + i) * d + h * dh
                        for j in 0..<tk where p[j] != 0 {
                            p[j] *= r
                            VectorOps.axpy(p[j], pv.baseAddress! + (bi * tk + j) * d + h * dh, oRow, dh)
                        }
                    }
                }
            }
        }}}}}
        let output = Tensor(shape: [b, tq, d], scalars: out)
        guard let tape = Tape.current, tape.needsGrad(q) || tape.needsGrad(k) || tape.needsGrad(v) else { return output }
        tape.record(output, op: .attention) { tape, g in
            let gq = tape.grad(q), gk = tape.grad(k), gv = tape.grad(v)
            q.data.withUnsafeBufferPointer { pq in
            k.data.withUnsafeBufferPointer { pk in
            v.data.withUnsafeBufferPointer { pv in
            probs.withUnsafeBufferPointer { pp in
                var dS = [Float](repeating: 0, count: tk)
                for bi in 0..<b {
                    for h in 0..<heads {
                        for i in 0..<tq {
                            let p = pp.baseAddress! + ((bi * heads + h) * tq + i) * tk
                            let off = (bi * tq + i) * d + h * dh
                            let gRow = g + off
                            var dot: Float = 0
                            for j in 0..<tk {
                                if p[j] == 0 { dS[j] = 0; continue }
                                let vRow = pv.baseAddress! + (bi * tk + j) * d + h * dh
                                let dP = VectorOps.dot(gRow, vRow, dh)
                                dS[j] = dP
                                dot += p[j] * dP
                                if let gv { VectorOps.axpy(p[j], gRow, gv + (bi * tk + j) * d + h * dh, dh) }
                            }
                            for j in 0..<tk where p[j] != 0 {
                                let ds = p[j] * (dS[j] - dot) * scale
                                let kOff = (bi * tk + j) * d + h * dh
                                if let gq { VectorOps.axpy(ds, pk.baseAddress! + kOff, gq + off, dh) }
                                if let gk { VectorOps.axpy(ds, pq.baseAddress! + off, gk + kOff, dh) }
                            }
                        }
                    }
                }
            }}}}
        }
        return output
    }
}
