/// Fused affine map: y = x Wᵀ + b with x `[..., in]`, weight `[out, in]` (PyTorch layout), bias `[out]`.
extension Tensor {
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) -> Tensor {
        let outF = weight.shape[0], inF = weight.shape[1]
        precondition(x.shape.last == inF, "linear: input \(x.shape) does not end in \(inF) features (weight \(weight.shape))")
        let m = x.count / Swift.max(inF, 1)
        var outShape = x.shape
        outShape[outShape.count - 1] = outF
        let values = [Float](unsafeUninitializedCapacity: m * outF) { buffer, initialized in
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
            initialized = m * outF
        }
        let out = Tensor(shape: outShape, scalars: values)
        if let tape = Tape.current,
           tape.needsGrad(x) || tape.needsGrad(weight) || (bias.map { tape.needsGrad($0) } ?? false) {
            tape.record(out, op: .linear) { tape, g in
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
        }
        return out
    }
}
