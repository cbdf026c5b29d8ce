import CGemm
import XCTest
@testable import Tensor

/// The engine's AVX-512 sgemm (Sources/CGemm) against a double-precision reference, and the dispatch
/// between it and OpenBLAS. Skipped on CPUs without AVX-512F, where the engine never calls it.
final class NativeGemmTests: XCTestCase {
    override func setUpWithError() throws {
        try XCTSkipUnless(BLAS.nativeAvailable, "this CPU has no AVX-512F: the native kernel is never used")
    }

    /// Random shapes (1–70 rows, 1–90 columns; some with up to 24 rows, 700 columns and 900 inner, crossing the kernel's
    /// 384-deep and 320-wide blocks), every transpose case, padded row strides, alpha, and beta in
    /// {0, 0.5, 1}. Each entry is within 1e-5 · (Σ|a·b| + |β·c|) of the exact value; beta = 0 overwrites
    /// NaN in C; the padding columns of C (between n and ldc) keep their values.
    func testKernelMatchesDoublePrecisionReference() {
        var rng = TensorRNG(seed: 20)
        func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + rng.int(below: range.count) }
        for trial in 0..<400 {
            let transA = trial % 2 == 1, transB = trial / 2 % 2 == 1
            let large = trial % 10 == 0
            let m = large ? int(1...24) : int(1...70), n = large ? int(300...700) : int(1...90), k = large ? int(350...900) : int(1...80)
            let lda = (transA ? m : k) + int(0...4), ldb = (transB ? k : n) + int(0...4), ldc = n + int(0...4)
            let alpha: Float = trial % 3 == 0 ? 1 : 2 * rng.uniform() - 1
            let beta = Float(trial % 3) * 0.5
            let a = (0..<((transA ? k : m) * lda)).map { _ in rng.uniform() - 0.5 }
            let b = (0..<((transB ? n : k) * ldb)).map { _ in rng.uniform() - 0.5 }
            let c0 = (0..<(m * ldc)).map { i -> Float in i % ldc >= n ? 12345 : (beta == 0 && i % 7 == 0 ? .nan : rng.uniform()) }
            var c = c0
            cgemm_sgemm(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, a, lda, b, ldb, beta, &c, ldc)
            var failures = 0
            for i in 0..<m {
                for j in 0..<ldc {
                    let got = c[i * ldc + j]
                    if j >= n {
                        if got != 12345 { failures += 1 }
                        continue
                    }
                    var exact = 0.0, magnitude = 0.0
                    for p in 0..<k {
                        let x = Double(transA ? a[p * lda + i] : a[i * lda + p]), y = Double(transB ? b[j * ldb + p] : b[p * ldb + j])
                        exact += x * y
                        magnitude += Swift.abs(x * y)
                    }
                    let old = beta == 0 ? 0 : Double(beta) * Double(c0[i * ldc + j])
                    exact = Double(alpha) * exact + old
                    if !(Swift.abs(Double(got) - exact) <= 1e-5 * (Swift.abs(Double(alpha)) * magnitude + Swift.abs(old)) + 1e-7) { failures += 1 }
                }
            }
            XCTAssertEqual(failures, 0, "trial \(trial): \(transA ? "T" : "N")\(transB ? "T" : "N") m \(m) n \(n) k \(k) lda \(lda) ldb \(ldb) ldc \(ldc)")
        }
    }

    /// The same product twice gives the same bits.
    func testKernelIsDeterministic() {
        var rng = TensorRNG(seed: 21)
        let a = Tensor.randn([300, 200], rng: &rng), b = Tensor.randn([200, 130], rng: &rng)
        XCTAssertEqual(a.matmul(b).scalars, a.matmul(b).scalars)
    }

    /// A Linear layer's output and gradients agree between the two backends to float rounding, at a shape
    /// where every product (forward, dX, dW) takes the native path.
    func testBackendsAgreeOnLinearLayer() {
        let saved = BLAS.backend
        defer { BLAS.backend = saved }
        var rng = TensorRNG(seed: 22)
        let x = Tensor.randn([64, 96], rng: &rng), w = Tensor.randn([48, 96], rng: &rng), bias = Tensor.randn([48], rng: &rng)
        func run(_ backend: GemmBackend) -> [[Float]] {
            BLAS.backend = backend
            x.requiresGrad = true
            w.requiresGrad = true
            let tape = Tape()
            let (y, loss) = tape.record { () -> (Tensor, Tensor) in
                let y = Tensor.linear(x, weight: w, bias: bias)
                return (y, (y * y).sum())
            }
            return [y.scalars] + tape.backward(loss, wrt: [x, w])
        }
        let native = run(.native), openblas = run(.openblas)
        for (u, v) in zip(native, openblas) {
            XCTAssertEqual(u.count, v.count)
            for (p, q) in zip(u, v) { XCTAssertEqual(p, q, accuracy: 1e-4 * (1 + Swift.abs(q))) }
        }
    }
}
