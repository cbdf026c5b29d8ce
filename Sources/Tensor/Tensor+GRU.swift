/// One fused GRU layer over padded sequences (PyTorch equations and gate order r, z, n):
///   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
///   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h,  h₀ = 0.
/// x `[N, T, F]`, `lengths[n]` ≤ T valid leading steps; wIH `[3H, F]`, wHH `[3H, H]`, bIH/bHH `[3H]`.
/// Returns `[N, T, H]`: h at valid steps, exactly 0 at padded steps. Padded inputs are never read, so
/// they change neither outputs nor gradients; their gradient is 0.
///
/// Work is packed like PyTorch's PackedSequence: sequences sorted by length (longest first), and at
/// step t only the `active[t]` sequences still running are computed, so padding costs nothing.
extension Tensor {
    public static func gruLayer(_ x: Tensor, lengths: [Int], wIH: Tensor, wHH: Tensor, bIH: Tensor, bHH: Tensor) -> Tensor {
        precondition(x.rank == 3, "gruLayer: input must be [N, T, F], got \(x.shape)")
        let nSeq = x.shape[0], steps = x.shape[1], f = x.shape[2]
        let h3 = wIH.shape[0], hid = h3 / 3
        precondition(wIH.shape == [3 * hid, f] && wHH.shape == [3 * hid, hid] && bIH.count == 3 * hid && bHH.count == 3 * hid,
                     "gruLayer: weights \(wIH.shape), \(wHH.shape) do not fit input \(x.shape)")
        precondition(lengths.count == nSeq && lengths.allSatisfy { $0 >= 0 && $0 <= steps },
                     "gruLayer: lengths \(lengths) must be \(nSeq) values in 0...\(steps)")
        let plan = GRUPlan(lengths: lengths, steps: steps)
        let v = plan.validCount

        // Packed inputs xp [V, F] and input projections gi = xp W_ihᵀ [V, 3H] (biases added in the cell).
        let xp = ScratchBuffer(v * f, zeroed: false), gi = ScratchBuffer(v * h3, zeroed: false)
        x.data.withUnsafeBufferPointer { px in
            for t in 0..<steps {
                for s in 0..<plan.active[t] {
                    (xp.p + (plan.offset[t] + s) * f).update(from: px.baseAddress! + (plan.order[s] * steps + t) * f, count: f)
                }
            }
        }
        wIH.data.withUnsafeBufferPointer { pw in
            BLAS.gemm(transA: false, transB: true, m: v, n: h3, k: f, a: xp.p, lda: f, b: pw.baseAddress!, ldb: f,
                      beta: 0, c: gi.p, ldc: h3)
        }

        // Saved per packed row: gates r, z, n [V, 3H]; W_hn h + b_hn [V, H]; h before the step [V, H].
        let gates = ScratchBuffer(v * h3, zeroed: false), ghn = ScratchBuffer(v * hid, zeroed: false)
        let hPrev = ScratchBuffer(v * hid, zeroed: false)
        let h = ScratchBuffer(nSeq * hid), gh = ScratchBuffer(nSeq * h3, zeroed: false)
        var out = [Float](repeating: 0, count: nSeq * steps * hid)
        wHH.data.withUnsafeBufferPointer { pw in
            bIH.data.withUnsafeBufferPointer { pbi in
                bHH.data.withUnsafeBufferPointer { pbh in
                    out.withUnsafeMutableBufferPointer { po in
                        for t in 0..<steps {
                            let k = plan.active[t]
                            if k == 0 { break }
                            BLAS.gemm(transA: false, transB: true, m: k, n: h3, k: hid, a: h.p, lda: hid,
                                      b: pw.baseAddress!, ldb: hid, beta: 0, c: gh.p, ldc: h3)
                            for s in 0..<k {
                                let row = plan.offset[t] + s
                                GRUCell.forward(hid: hid, gi: gi.p + row * h3, gh: gh.p + s * h3,
                                                bi: pbi.baseAddress!, bh: pbh.baseAddress!, h: h.p + s * hid,
                                                gates: gates.p + row * h3, ghn: ghn.p + row * hid, hPrev: hPrev.p + row * hid,
                                                out: po.baseAddress! + (plan.order[s] * steps + t) * hid)
                            }
                        }
                    }
                }
            }
        }

        let output = Tensor(shape: [nSeq, steps, hid], scalars: out)
        let inputs = [x, wIH, wHH, bIH, bHH]
        guard let tape = Tape.current, inputs.contains(where: { tape.needsGrad($0) }) else { return output }
        tape.record(output, op: .gru) { tape, g in
            let gx = tape.grad(x), gwIH = tape.grad(wIH), gwHH = tape.grad(wHH)
            let gbIH = tape.grad(bIH), gbHH = tape.grad(bHH)
            // dGI, dGH per packed row [V, 3H]; the weight gradients are then one large gemm each.
            let dh = ScratchBuffer(nSeq * hid), dGI = ScratchBuffer(v * h3, zeroed: false), dGH = ScratchBuffer(v * h3, zeroed: false)
            wHH.data.withUnsafeBufferPointer { pw in
                for t in stride(from: steps - 1, through: 0, by: -1) {
                    let k = plan.active[t]
                    if k == 0 { continue }
                    for s in 0..<k {
                        let row = plan.offset[t] + s
                        GRUCell.backward(hid: hid, gates: gates.p + row * h3, ghn: ghn.p + row * hid, hPrev: hPrev.p + row * hid,
                                         gOut: g + (plan.order[s] * steps + t) * hid, dh: dh.p + s * hid,
                                         dGI: dGI.p + row * h3, dGH: dGH.p + row * h3)
                    }
                    // dh += dGH · W_hh (rows of this step)
                    BLAS.gemm(transA: false, transB: false, m: k, n: hid, k: h3, a: dGH.p + plan.offset[t] * h3, lda: h3,
                              b: pw.baseAddress!, ldb: hid, beta: 1, c: dh.p, ldc: hid)
                }
            }
            if let gwHH {  // dW_hh += dGHᵀ · h_prev over all packed rows
                BLAS.gemm(transA: true, transB: false, m: h3, n: hid, k: v, a: dGH.p, lda: h3,
                          b: hPrev.p, ldb: hid, beta: 1, c: gwHH, ldc: hid)
            }
            if let gbHH { GRUCell.addColumnSums(dGH.p, rows: v, cols: h3, into: gbHH) }
            if let gx {  // dX rows (packed) = dGI · W_ih, scattered back; padded rows stay 0.
                let dxp = ScratchBuffer(v * f, zeroed: false)
                wIH.data.withUnsafeBufferPointer { pw in
                    BLAS.gemm(transA: false, transB: false, m: v, n: f, k: h3, a: dGI.p, lda: h3,
                              b: pw.baseAddress!, ldb: f, beta: 0, c: dxp.p, ldc: f)
                }
                for t in 0..<steps {
                    for s in 0..<plan.active[t] {
                        VectorOps.add(dxp.p + (plan.offset[t] + s) * f, gx + (plan.order[s] * steps + t) * f, f)
                    }
                }
            }
            if let gwIH {  // dW_ih += dGIᵀ · xp
                BLAS.gemm(transA: true, transB: false, m: h3, n: f, k: v, a: dGI.p, lda: h3, b: xp.p, ldb: f,
                          beta: 1, c: gwIH, ldc: f)
            }
            if let gbIH { GRUCell.addColumnSums(dGI.p, rows: v, cols: h3, into: gbIH) }
        }
        return output
    }
}

/// Packing of padded sequences: `order` sorts sequences by length (longest first, stable), `active[t]`
/// counts sequences with length > t, and `offset[t]` is the first packed row of step t.
struct GRUPlan {
    let order: [Int]
    let active: [Int]
    let offset: [Int]
    let validCount: Int

    init(lengths: [Int], steps: Int) {
        order = lengths.indices.sorted { lengths[$0] > lengths[$1] || (lengths[$0] == lengths[$1] && $0 < $1) }
        active = (0..<steps).map { t in lengths.reduce(0) { $0 + ($1 > t ? 1 : 0) } }
        var offsets: [Int] = []
        var total = 0
        for t in 0..<steps {
            offsets.append(total)
            total += active[t]
        }
        offset = offsets
        validCount = total
    }
}
