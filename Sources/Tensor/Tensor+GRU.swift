import Foundation

/// One fused GRU layer over padded sequences (PyTorch equations and gate order r, z, n):
///   r = σ(W_ir x + b_ir + W_hr h + b_hr),  z = σ(W_iz x + b_iz + W_hz h + b_hz)
///   n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)),  h' = (1 − z) ⊙ n + z ⊙ h,  h₀ = 0.
/// x `[N, T, F]`, `lengths[n]` ≤ T valid leading steps; wIH `[3H, F]`, wHH `[3H, H]`, bIH/bHH `[3H]`.
/// Returns `[N, T, H]`: h at valid steps, exactly 0 at padded steps. Padded inputs are never read
/// (they are zeroed first), so they change neither outputs nor gradients; their gradient is 0.
extension Tensor {
    public static func gruLayer(_ x: Tensor, lengths: [Int], wIH: Tensor, wHH: Tensor, bIH: Tensor, bHH: Tensor) -> Tensor {
        precondition(x.rank == 3, "gruLayer: input must be [N, T, F], got \(x.shape)")
        let nSeq = x.shape[0], steps = x.shape[1], f = x.shape[2]
        let h3 = wIH.shape[0], hid = h3 / 3
        precondition(wIH.shape == [3 * hid, f] && wHH.shape == [3 * hid, hid] && bIH.count == 3 * hid && bHH.count == 3 * hid,
                     "gruLayer: weights \(wIH.shape), \(wHH.shape) do not fit input \(x.shape)")
        precondition(lengths.count == nSeq && lengths.allSatisfy { $0 >= 0 && $0 <= steps },
                     "gruLayer: lengths \(lengths) must be \(nSeq) values in 0...\(steps)")

        // Masked input copy, and input projections GI = x Wᵢₕᵀ + bᵢₕ for every (n, t) row.
        var xm = [Float](repeating: 0, count: x.count)
        x.data.withUnsafeBufferPointer { px in
            for n in 0..<nSeq {
                let start = n * steps * f
                for i in 0..<(lengths[n] * f) { xm[start + i] = px[start + i] }
            }
        }
        let rows = nSeq * steps
        var gi = [Float](repeating: 0, count: rows * h3)
        bIH.data.withUnsafeBufferPointer { pb in
            for r in 0..<rows { for j in 0..<h3 { gi[r * h3 + j] = pb[j] } }
        }
        xm.withUnsafeBufferPointer { px in
            wIH.data.withUnsafeBufferPointer { pw in
                gi.withUnsafeMutableBufferPointer { pg in
                    BLAS.gemm(transA: false, transB: true, m: rows, n: h3, k: f, a: px.baseAddress!, lda: f,
                              b: pw.baseAddress!, ldb: f, beta: 1, c: pg.baseAddress!, ldc: h3)
                }
            }
        }

        // Saved per step (time-major [T, N, ·]): gates r, z, n; W_hn h + b_hn; h before the step.
        var gates = [Float](repeating: 0, count: steps * nSeq * h3)
        var ghn = [Float](repeating: 0, count: steps * nSeq * hid)
        var hPrev = [Float](repeating: 0, count: steps * nSeq * hid)
        var out = [Float](repeating: 0, count: nSeq * steps * hid)
        var h = [Float](repeating: 0, count: nSeq * hid)
        var gh = [Float](repeating: 0, count: nSeq * h3)
        wHH.data.withUnsafeBufferPointer { pw in
            bHH.data.withUnsafeBufferPointer { pb in
                for t in 0..<steps {
                    for r in 0..<nSeq { for j in 0..<h3 { gh[r * h3 + j] = pb[j] } }
                    h.withUnsafeBufferPointer { ph in
                        gh.withUnsafeMutableBufferPointer { pg in
                            BLAS.gemm(transA: false, transB: true, m: nSeq, n: h3, k: hid, a: ph.baseAddress!, lda: hid,
                                      b: pw.baseAddress!, ldb: hid, beta: 1, c: pg.baseAddress!, ldc: h3)
                        }
                    }
                    for n in 0..<nSeq where t < lengths[n] {
                        let giRow = (n * steps + t) * h3, ghRow = n * h3
                        let save = (t * nSeq + n)
                        for j in 0..<hid {
                            let r = 1 / (1 + Foundation.exp(-(gi[giRow + j] + gh[ghRow + j])))
                            let z = 1 / (1 + Foundation.exp(-(gi[giRow + hid + j] + gh[ghRow + hid + j])))
                            let hn = gh[ghRow + 2 * hid + j]
                            let c = Foundation.tanh(gi[giRow + 2 * hid + j] + r * hn)
                            let hp = h[n * hid + j]
                            let hNew = (1 - z) * c + z * hp
                            gates[save * h3 + j] = r
                            gates[save * h3 + hid + j] = z
                            gates[save * h3 + 2 * hid + j] = c
                            ghn[save * hid + j] = hn
                            hPrev[save * hid + j] = hp
                            h[n * hid + j] = hNew
                            out[(n * steps + t) * hid + j] = hNew
                        }
                    }
                }
            }
        }

        let output = Tensor(shape: [nSeq, steps, hid], scalars: out)
        let inputs = [x, wIH, wHH, bIH, bHH]
        guard let tape = Tape.current, inputs.contains(where: { tape.needsGrad($0) }) else { return output }
        tape.record(output) { tape, g in
            let gx = tape.grad(x), gwIH = tape.grad(wIH), gwHH = tape.grad(wHH)
            let gbIH = tape.grad(bIH), gbHH = tape.grad(bHH)
            var dh = [Float](repeating: 0, count: nSeq * hid)
            var dGI = [Float](repeating: 0, count: rows * h3)
            var dGH = [Float](repeating: 0, count: nSeq * h3)
            wHH.data.withUnsafeBufferPointer { pw in
                for t in stride(from: steps - 1, through: 0, by: -1) {
                    for i in 0..<dGH.count { dGH[i] = 0 }
                    for n in 0..<nSeq where t < lengths[n] {
                        let save = t * nSeq + n, giRow = (n * steps + t) * h3
                        for j in 0..<hid {
                            let r = gates[save * h3 + j], z = gates[save * h3 + hid + j], c = gates[save * h3 + 2 * hid + j]
                            let dht = dh[n * hid + j] + g[(n * steps + t) * hid + j]
                            let dc = dht * (1 - z) * (1 - c * c)
                            let dz = dht * (hPrev[save * hid + j] - c) * z * (1 - z)
                            let dr = dc * ghn[save * hid + j] * r * (1 - r)
                            dGI[giRow + j] = dr
                            dGI[giRow + hid + j] = dz
                            dGI[giRow + 2 * hid + j] = dc
                            dGH[n * h3 + j] = dr
                            dGH[n * h3 + hid + j] = dz
                            dGH[n * h3 + 2 * hid + j] = dc * r
                            dh[n * hid + j] = dht * z
                        }
                    }
                    dGH.withUnsafeBufferPointer { pd in
                        dh.withUnsafeMutableBufferPointer { pdh in  // dh += dGH · W_hh
                            BLAS.gemm(transA: false, transB: false, m: nSeq, n: hid, k: h3, a: pd.baseAddress!, lda: h3,
                                      b: pw.baseAddress!, ldb: hid, beta: 1, c: pdh.baseAddress!, ldc: hid)
                        }
                        if let gwHH {  // dW_hh += dGHᵀ · h_prev
                            hPrev.withUnsafeBufferPointer { ph in
                                BLAS.gemm(transA: true, transB: false, m: h3, n: hid, k: nSeq, a: pd.baseAddress!, lda: h3,
                                          b: ph.baseAddress! + t * nSeq * hid, ldb: hid, beta: 1, c: gwHH, ldc: hid)
                            }
                        }
                        if let gbHH {
                            for n in 0..<nSeq { for j in 0..<h3 { gbHH[j] += pd[n * h3 + j] } }
                        }
                    }
                }
            }
            dGI.withUnsafeBufferPointer { pd in
                if let gx {  // dX += dGI · W_ih (zero rows at padded steps)
                    wIH.data.withUnsafeBufferPointer { pw in
                        BLAS.gemm(transA: false, transB: false, m: rows, n: f, k: h3, a: pd.baseAddress!, lda: h3,
                                  b: pw.baseAddress!, ldb: f, beta: 1, c: gx, ldc: f)
                    }
                }
                if let gwIH {  // dW_ih += dGIᵀ · x_masked
                    xm.withUnsafeBufferPointer { px in
                        BLAS.gemm(transA: true, transB: false, m: h3, n: f, k: rows, a: pd.baseAddress!, lda: h3,
                                  b: px.baseAddress!, ldb: f, beta: 1, c: gwIH, ldc: f)
                    }
                }
                if let gbIH {
                    for r in 0..<rows { for j in 0..<h3 { gbIH[j] += pd[r * h3 + j] } }
                }
            }
        }
        return output
    }
}
