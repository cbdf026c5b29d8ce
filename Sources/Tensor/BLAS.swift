import CBLAS
import CGemm
import Foundation

/// Which sgemm the engine calls.
public enum GemmBackend: String, Sendable {
    /// The engine's own AVX-512 kernel (`Sources/CGemm`) for products with at least 16 rows and 32 columns,
    /// OpenBLAS for the narrower ones (where its kernels are faster). Needs AVX-512F.
    case native
    /// OpenBLAS for every product.
    case openblas
}

/// Row-major sgemm (the engine's AVX-512 kernel or OpenBLAS) and OpenBLAS's thread control.
public enum BLAS {
    /// True when this CPU runs the native kernel.
    public static let nativeAvailable = cgemm_available() != 0

    /// `.native` when available, unless the environment sets `AICMET_GEMM=openblas`. Set it only while no
    /// other thread runs products (benchmarks compare the two in one process).
    nonisolated(unsafe) public static var backend: GemmBackend =
        nativeAvailable && ProcessInfo.processInfo.environment["AICMET_GEMM"] != "openblas" ? .native : .openblas

    /// C[M×N] = alpha · op(A) · op(B) + beta · C, row-major; op(A) is M×K, op(B) is K×N.
    /// `lda`/`ldb`/`ldc` are the row strides of A, B, C as stored.
    @inline(__always)
    static func gemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float = 1,
                     a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                     beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        _ = BLAS.singleThreadedByDefault
        if m == 0 || n == 0 { return }
        if k == 0 {
            if beta == 0 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] = 0 } } }
            else if beta != 1 { for i in 0..<m { for j in 0..<n { c[i * ldc + j] *= beta } } }
            return
        }
        let t0 = OpProfiler.isEnabled ? OpProfiler.now() : 0
        defer { if OpProfiler.isEnabled { OpProfiler.gemmSeconds += OpProfiler.now() - t0 } }
        if backend == .native && n >= 32 && m >= 16 {
            cgemm_sgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            return
        }
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Threads OpenBLAS uses inside one call (the native kernel is single-threaded). The engine sets 1 before
    /// its first product (so concurrent shards never oversubscribe the cores or contend in OpenBLAS's thread
    /// pool; the model's products are too small to gain from splitting); set more to let OpenBLAS split large
    /// products of one thread.
    public static var threads: Int {
        get {
            _ = singleThreadedByDefault
            return Int(openblas_get_num_threads())
        }
        set {
            _ = singleThreadedByDefault
            openblas_set_num_threads(Int32(newValue))
        }
    }

    /// Runs once, before the first product or thread setting.
    static let singleThreadedByDefault: Void = { openblas_set_num_threads(1) }()
}
