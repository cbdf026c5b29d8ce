/// Layer normalisation over the last axis: y = (x − μ) / √(σ² + eps) · gain + bias, with μ, σ² the
/// mean and (biased) variance of each row. x `[..., D]`, gain and bias `[D]`.
extension Tensor {
    public static func layerNorm(_ x: Tensor, gain: Tensor, bias: Tensor, eps: Float = 1e-5) -> Tensor {
        let d = x.shape.last ?? 1
        precondition(gain.count == d && bias.count == d, "layerNorm: gain/bias of \(gain.shape)/\(bias.shape) for rows of \(d)")
        let rows = x.count / Swift.max(d, 1)
        var values = [Float](repeating: 0, count: x.count)
        var means = [Float](repeating: 0, count: rows)
        var rstds = [Float](repeating: 0, count: rows)
        x.data.withUnsafeBufferPointer { px in
            gain.data.withUnsafeBufferPointer { pg in
                bias.data.withUnsafeBufferPointer { pb in
                    for r in 0..<rows {
                        let row = px.baseAddress! + r * d
                        var mu: Float = 0
                        for j in 0..<d { mu += row[j] }
                        mu /= Float(d)
                        var v: Float = 0
                        for j in 0..<d { let c = row[j] - mu; v += c * c }
                        v /= Float(d)
                        let rstd = 1 / (v + eps).squareRoot()
                        means[r] = mu
                        rstds[r] = rstd
                        for j in 0..<d { values[r * d + j] = (row[j] - mu) * rstd * pg[j] + pb[j] }
                    }
                }
            }
        }
        let out = Tensor(shape: x.shape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(x) || tape.needsGrad(gain) || tape.needsGrad(bias) {
            tape.record(out, op: .layerNorm) { tape, g in
                let gx = tape.grad(x), gg = tape.grad(gain), gbias = tape.grad(bias)
                x.data.withUnsafeBufferPointer { px in
                    gain.data.withUnsafeBufferPointer { pg in
                        for r in 0..<rows {
                            let row = px.baseAddress! + r * d, gr = g + r * d
                            let mu = means[r], rstd = rstds[r]
                            var meanDy: Float = 0, meanDyXhat: Float = 0
                            for j in 0..<d {
                                let xhat = (row[j] - mu) * rstd
                                let dy = gr[j] * pg[j]
                                meanDy += dy
                                meanDyXhat += dy * xhat
                                gg?[j] += gr[j] * xhat
                                gbias?[j] += gr[j]
                            }
                            meanDy /= Float(d)
                            meanDyXhat /= Float(d)
                            if let gx {
                                for j in 0..<d {
                                    let xhat = (row[j] - mu) * rstd
                                    gx[r * d + j] += rstd * (gr[j] * pg[j] - meanDy - xhat * meanDyXhat)
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
