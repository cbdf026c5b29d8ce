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
            // Identity: C starts as bias rows and the product accumulates onto it. With an activation, the
            // product is written first and one pass adds the bias, keeps the pre-activation and applies act.
            if identity, let bias {
                bias.data.withUnsafeBufferPointer { pb in
                    for r in 0..<m { (pc + r * outF).update(from: pb.baseAddress!, count: outF) }
                }
            }
            x.data.withUnsafeBufferPointer { px in
                weight.data.withUnsafeBufferPointer { pw in
                    BLAS.gemm(transA: false, transB: true, m: m, n: outF, k: inF, a: px.baseAddress!, lda: inF,
                              b: pw.baseAddress!, ldb: inF, beta: identity && bias != nil ? 1 : 0, c: pc, ldc: outF)
                }
            }
            if !identity {
                let zero = [Float](repeating: 0, count: outF)
                (bias?.data ?? zero).withUnsafeBufferPointer { pb in
                    let b = pb.baseAddress!
                    for r in 0..<m {
                        let row = pc + r * outF, saved = pre.map { $0.p + r * outF }
                        var j = 0
                        while j + 8 <= outF {
                            let z = load(row + j) + load(b + j)
                            if let saved { store(z, saved + j) }
                            store(act.f(z), row + j)
                            j += 8
                        }
                        while j < outF {
                            let z = row[j] + b[j]
                            saved?[j] = z
                            row[j] = act.f(z)
                            j += 1
                        }
                    }
                }
            }
            initialized = n
        }
        let out = Tensor(shape: outShape, scalars: values)
        guard recording, let tape = Tape.current else { return out }
        tape.record(out, op: .linear) { tape, gOut in
            var g = UnsafePointer(gOut)
            let gb = bias.flatMap { tape.grad($0) }
            let scratch: ScratchBuffer? = identity ? nil : ScratchBuffer(n, zeroed: false)
            if let scratch, let pre {  // G = g ⊙ act′(pre), bias gradient summed in the same pass
                out.data.withUnsafeBufferPointer { py in
                    let y = py.baseAddress!, z = pre.p, gz = scratch.p
                    for r in 0..<m {
                        let o = r * outF
                        var j = 0
                        while j + 8 <= outF {
                            let v = act.grad(load(gOut + o + j), load(z + o + j), load(y + o + j))
                            store(v, gz + o + j)
                            if let gb { store(load(gb + j) + v, gb + j) }
                            j += 8
                        }
                        while j < outF {
                            let v = act.grad(gOut[o + j], z[o + j], y[o + j])
                            gz[o + j] = v
                            gb?[j] += v
                            j += 1
                        }
                    }
                }
                g = UnsafePointer(scratch.p)
            } else if let gb {
                for r in 0..<m { VectorOps.add(g + r * outF, gb, outF) }
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
        }
        return out
    }
}
