/// Layer normalisation over the last axis: y = (x − μ) / √(σ² + eps) · gain + bias, with μ, σ² the
/// mean and (biased) variance of each row. x `[..., D]`, gain and bias `[D]`.
/// Backward: x̂ = (x − μ)·rstd, dx = rstd · (g·gain − mean(g·gain) − x̂ · mean(g·gain·x̂)).
extension Tensor {
    public static func layerNorm(_ x: Tensor, gain: Tensor, bias: Tensor, eps: Float = 1e-5) -> Tensor {
        let d = x.shape.last ?? 1
        precondition(gain.count == d && bias.count == d, "layerNorm: gain/bias of \(gain.shape)/\(bias.shape) for rows of \(d)")
        let rows = x.count / Swift.max(d, 1)
        // Saved for backward: x̂ per element and rstd per row.
        let xhat = ScratchBuffer(x.count, zeroed: false), rstds = ScratchBuffer(rows, zeroed: false)
        let values = [Float](unsafeUninitializedCapacity: x.count) { buffer, initialized in
            x.data.withUnsafeBufferPointer { px in
                gain.data.withUnsafeBufferPointer { pg in
                    bias.data.withUnsafeBufferPointer { pb in
                        let gp = pg.baseAddress!, bp = pb.baseAddress!
                        for r in 0..<rows {
                            let row = px.baseAddress! + r * d, xh = xhat.p + r * d, y = buffer.baseAddress! + r * d
                            let mu = VectorOps.sum(row, d) / Float(d)
                            var j = 0
                            var acc = Vec(repeating: 0)
                            let vmu = Vec(repeating: mu)
                            while j + 8 <= d { let c = load(row + j) - vmu; acc = acc.addingProduct(c, c); j += 8 }
                            var variance = VectorOps.horizontalSum(acc)
                            while j < d { let c = row[j] - mu; variance += c * c; j += 1 }
                            variance /= Float(d)
                            let rstd = 1 / (variance + eps).squareRoot()
                            rstds.p[r] = rstd
                            let vr = Vec(repeating: rstd)
                            j = 0
                            while j + 8 <= d {
                                let h = (load(row + j) - vmu) * vr
                                store(h, xh + j)
                                store(load(bp + j).addingProduct(h, load(gp + j)), y + j)
                                j += 8
                            }
                            while j < d { let h = (row[j] - mu) * rstd; xh[j] = h; y[j] = h * gp[j] + bp[j]; j += 1 }
                        }
                    }
                }
            }
            initialized = x.count
        }
        let out = Tensor(shape: x.shape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(x) || tape.needsGrad(gain) || tape.needsGrad(bias) {
            tape.record(out, op: .layerNorm) { tape, g in
                let gx = tape.grad(x), gg = tape.grad(gain), gbias = tape.grad(bias)
                let dy = ScratchBuffer(d, zeroed: false)
                gain.data.withUnsafeBufferPointer { pg in
                    let gp = pg.baseAddress!
                    for r in 0..<rows {
                        let xh = xhat.p + r * d, gr = g + r * d
                        if let gg { VectorOps.addProduct(gr, xh, gg, d) }
                        if let gbias { VectorOps.add(gr, gbias, d) }
                        guard let gx else { continue }
                        var j = 0
                        var s1 = Vec(repeating: 0), s2 = Vec(repeating: 0)
                        while j + 8 <= d {
                            let v = load(gr + j) * load(gp + j)
                            store(v, dy.p + j)
                            s1 += v
                            s2 = s2.addingProduct(v, load(xh + j))
                            j += 8
                        }
                        var meanDy = VectorOps.horizontalSum(s1), meanDyXhat = VectorOps.horizontalSum(s2)
                        while j < d { let v = gr[j] * gp[j]; dy.p[j] = v; meanDy += v; meanDyXhat += v * xh[j]; j += 1 }
                        meanDy /= Float(d)
                        meanDyXhat /= Float(d)
                        let rstd = rstds.p[r]
                        let out = gx + r * d
                        j = 0
                        let vm = Vec(repeating: meanDy), vmx = Vec(repeating: meanDyXhat), vr = Vec(repeating: rstd)
                        while j + 8 <= d {
                            let t = (load(dy.p + j) - vm - load(xh + j) * vmx) * vr
                            store(load(out + j) + t, out + j)
                            j += 8
                        }
                        while j < d { out[j] += rstd * (dy.p[j] - meanDy - xh[j] * meanDyXhat); j += 1 }
                    }
                }
            }
        }
        return out
    }
}
