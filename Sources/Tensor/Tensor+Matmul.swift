/// Matrix products through `BLAS.gemm` (the native AVX-512 kernel or OpenBLAS).
extension Tensor {
    /// self `[..., M, K]` (leading dims flattened into rows) × b `[K, N]` → `[..., M, N]`.
    public func matmul(_ b: Tensor) -> Tensor {
        precondition(rank >= 1 && b.rank == 2 && shape[rank - 1] == b.shape[0],
                     "matmul: shapes \(shape) and \(b.shape) do not match ([..., M, K] × [K, N])")
        let k = b.shape[0], n = b.shape[1]
        let m = count / Swift.max(k, 1)
        var outShape = shape
        outShape[rank - 1] = n
        let a = self
        var values = [Float](repeating: 0, count: m * n)
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                values.withUnsafeMutableBufferPointer { pc in
                    BLAS.gemm(transA: false, transB: false, m: m, n: n, k: k, a: pa.baseAddress!, lda: k,
                              b: pb.baseAddress!, ldb: n, beta: 0, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        let out = Tensor(shape: outShape, scalars: values)
        if let tape = Tape.current, tape.needsGrad(a) || tape.needsGrad(b) {
            tape.record(out, op: .matmul) { tape, g in
                if let ga = tape.grad(a) {  // dA[M×K] += G[M×N] · Bᵀ
                    b.data.withUnsafeBufferPointer { pb in
                        BLAS.gemm(transA: false, transB: true, m: m, n: k, k: n, a: g, lda: n,
                                  b: pb.baseAddress!, ldb: n, beta: 1, c: ga, ldc: k)
                    }
                }
                if let gb = tape.grad(b) {  // dB[K×N] += Aᵀ · G
                    a.data.withUnsafeBufferPointer { pa in
                        BLAS.gemm(transA: true, transB: false, m: k, n: n, k: m, a: pa.baseAddress!, lda: k,
                                  b: g, ldb: n, beta: 1, c: gb, ldc: n)
                    }
                }
            }
        }
        return out
    }

    /// Batched product: op(a) `[B, M, K]` × op(b) `[B, K, N]` → `[B, M, N]`, where op transposes the last
    /// two axes when `transposeA`/`transposeB` is set (a is then stored `[B, K, M]`, b `[B, N, K]`).
    public static func bmm(_ a: Tensor, _ b: Tensor, transposeA: Bool = false, transposeB: Bool = false) -> Tensor {
        precondition(a.rank == 3 && b.rank == 3 && a.shape[0] == b.shape[0], "bmm: shapes \(a.shape) and \(b.shape) need [B, ·, ·] with equal B")
        let batch = a.shape[0]
        let m = transposeA ? a.shape[2] : a.shape[1]
        let k = transposeA ? a.shape[1] : a.shape[2]
        let kb = transposeB ? b.shape[2] : b.shape[1]
        let n = transposeB ? b.shape[1] : b.shape[2]
        precondition(k == kb, "bmm: inner dims differ: \(a.shape)\(transposeA ? "ᵀ" : "") × \(b.shape)\(transposeB ? "ᵀ" : "")")
        let lda = transposeA ? m : k, ldb = transposeB ? k : n
        let sa = m * k, sb = k * n, sc = m * n
        var values = [Float](repeating: 0, count: batch * sc)
        a.data.withUnsafeBufferPointer { pa in
            b.data.withUnsafeBufferPointer { pb in
                values.withUnsafeMutableBufferPointer { pc in
                    for i in 0..<batch {
                        BLAS.gemm(transA: transposeA, transB: transposeB, m: m, n: n, k: k,
                                  a: pa.baseAddress! + i * sa, lda: lda, b: pb.baseAddress! + i * sb, ldb: ldb,
                                  beta: 0, c: pc.baseAddress! + i * sc, ldc: n)
                    }
                }
            }
        }
        let out = Tensor(shape: [batch, m, n], scalars: values)
        if let tape = Tape.current, tape.needsGrad(a) || tape.needsGrad(b) {
            tape.record(out, op: .bmm) { tape, g in
                let ga = tape.grad(a), gb = tape.grad(b)
                a.data.withUnsafeBufferPointer { pa in
                    b.data.withUnsafeBufferPointer { pb in
                        for i in 0..<batch {
                            let A = pa.baseAddress! + i * sa, B = pb.baseAddress! + i * sb, G = g + i * sc
                            if let ga {
                                if !transposeA {  // dA[M×K] += G · op(B)ᵀ
                                    BLAS.gemm(transA: false, transB: !transposeB, m: m, n: k, k: n, a: G, lda: n,
                                              b: B, ldb: ldb, beta: 1, c: ga + i * sa, ldc: k)
                                } else {          // dA[K×M] += op(B) · Gᵀ
                                    BLAS.gemm(transA: transposeB, transB: true, m: k, n: m, k: n, a: B, lda: ldb,
                                              b: G, ldb: n, beta: 1, c: ga + i * sa, ldc: m)
                                }
                            }
                            if let gb {
                                if !transposeB {  // dB[K×N] += op(A)ᵀ · G
                                    BLAS.gemm(transA: !transposeA, transB: false, m: k, n: n, k: m, a: A, lda: lda,
                                              b: G, ldb: n, beta: 1, c: gb + i * sb, ldc: n)
                                } else {          // dB[N×K] += Gᵀ · op(A)
                                    BLAS.gemm(transA: true, transB: transposeA, m: n, n: k, k: m, a: G, lda: n,
                                              b: A, ldb: lda, beta: 1, c: gb + i * sb, ldc: k)
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
