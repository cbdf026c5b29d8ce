/// Fused affine map and activation: y = act(x Wᵀ + b) with x `[..., in]`, weight `[out, in]` (PyTorch
/// layout), bias `[out]` or nil. The activation is applied in place (one pass, one tape node); backward
/// forms g ⊙ act′ and then dX = G W, dW += Gᵀ X, db += Σ_rows G.
extension Tensor {
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?, activation: Activation = .identity) -> Tensor {
        switch activation {
        case .identity: return linear(x, weight: weight, bias: bias, AffineKernel(m: 1, c: 0), identity: true)
        case .relu: return linear(x, weight: weight, bias: bias, ReluKernel(), identity: false)
        case .gelu: return linear(x, weight: weight, bias: bias, GeluKernel(), identity: false)
        case .tanh: return linear(x, weight: weight, bias: bias, TanhKernel(), identity: false)
        case .sigmoid: return linear(x, weight: weight, bias: bias, SigmoidKernel(), identity: false)
        }
    }

    @inline(__always)
    static func linear<K: UnaryKernel>(_ x: Tensor, weight: Tensor, bias: Tensor?, _ act: K, identity: Bool) -> Tensor {
        precondition(weight.rank == 2, "linear: weight must be [out, in], got \(weight.shape)")
        let outF = weight.shape[0], inF = weight.shape[1]
        precondition(x.shape.last == inF, "linear: input \(x.shape) does not end in \(inF) features (weight \(weight.shape))")
        precondition(bias.map { $0.count == outF } ?? true, "linear: bias \(bias?.shape ?? []) must have \(outF) entries")
        let m = x.count / Swift.max(inF, 1)
        let n = m * outF
        var outShape = x.shape
        outShape[outShape.count - 1] = outF
        let recording = Tape.current.map { tape in
            tape.needsGrad(x) || tape.needsGrad(weight) || (bias.map { tape.needsGrad($0) } ?? false)
        } ?? false
        // Pre-activation, kept for backward when an activation follows.
        let pre: ScratchBuffer? = (!identity && recording) ? ScratchBuffer(n, zeroed: false) : nil
        let values = [Float](unsafeUninitializedCapacity: n) { buffer, initialized in
            let pc = buffer.baseAddress!
            if let bias {
                bias.data.withUnsafeBufferPointer { pb in
                    for r in 0..<m { (pc + r * outF).update(from: pb.baseAddress!, count: outF) }
                }
            }
            x.data.withUnsafeBufferPointer { px in
                weight.data.withUnsafeBufferPointer { pw in
                    BLAS.gemm(transA: false, transB: true, m: m, n: outF, k: inF, a: px.baseAddress!, lda: inF,
                              b: pw.baseAddress!, ldb: inF, beta: bias == nil ? 0 : 1, c: pc, ldc: outF)
                }
            }
            if !identity {
                if let pre { pre.p.update(from: pc, count: n) }
                var i = 0
                while i + 8 <= n { store(act.f(load(pc + i)), pc + i); i += 8 }
                while i < n { pc[i] = act.f(pc[i]); i += 1 }
            }
            initialized = n
        }
        let out = Tensor(shape: outShape, scalars: values)
        guard recording, let tape = Tape.current else { return out }
        tape.record(out, op: .linear) { tape, gOut in
            var g = UnsafePointer(gOut)
            let scratch: ScratchBuffer? = identity ? nil : ScratchBuffer(n, zeroed: false)
            if let scratch, let pre {  // G = g ⊙ act′(pre)
                out.data.withUnsafeBufferPointer { py in
                    let y = py.baseAddress!, z = pre.p, gz = scratch.p
                    var i = 0
                    while i + 8 <= n { store(act.grad(load(gOut + i), load(z + i), load(y + i)), gz + i); i += 8 }
                    while i < n { gz[i] = act.grad(gOut[i], z[i], y[i]); i += 1 }
                }
                g = UnsafePointer(scratch.p)
            }
            if let gx = tape.grad(x) {  // dX[M×in] += G[M×out] · W[out×in]
                weight.data.withUnsafeBufferPointer { pw in
                    BLAS.gemm(transA: false, transB: false, m: m, n: inF, k: outF, a: g, lda: outF,
                              b: pw.baseAddress!, ldb: inF, beta: 1, c: gx, ldc: inF)
                }
            }
            if let gw = tape.grad(weight) {  // dW[out×in] += Gᵀ · X
                x.data.withUnsafeBufferPointer { px in
                    BLAS.gemm(transA: true, transB: false, m: outF, n: inF, k: m, a: g, lda: outF,
                              b: px.baseAddress!, ldb: inF, beta: 1, c: gw, ldc: inF)
                }
            }
            if let bias, let gb = tape.grad(bias) {
                for r in 0..<m { VectorOps.add(g + r * outF, gb, outF) }
            }
        }
        return out
    }
}
