import XCTest
import Tensor

/// Central finite differences against the tape's gradients.
/// The scalar loss is Σ f(inputs) ⊙ R with a fixed random R (so every output entry matters).
/// An entry passes when |analytic − numeric| ≤ atol + rtol · max(|analytic|, |numeric|).
/// Float32 with step eps = 1e-2 gives numeric errors ~1e-3 relative for smooth ops; defaults atol 2e-3, rtol 2e-2.
func checkGradients(_ inputs: [Tensor], eps: Float = 1e-2, atol: Float = 2e-3, rtol: Float = 2e-2,
                    maxEntries: Int = 40, seed: UInt64 = 7,
                    file: StaticString = #filePath, line: UInt = #line, _ f: () -> Tensor) {
    for t in inputs { t.requiresGrad = true }
    var rng = TensorRNG(seed: seed)
    let probe = f()
    let weights = Tensor.randn(probe.shape, std: 1, rng: &rng)
    func lossValue() -> Double {
        let y = f()
        var s: Double = 0
        for (a, b) in zip(y.scalars, weights.scalars) { s += Double(a) * Double(b) }
        return s
    }
    let tape = Tape()
    let loss = tape.record { (f() * weights).sum() }
    let analytic = tape.backward(loss, wrt: inputs)
    for (k, t) in inputs.enumerated() {
        XCTAssertEqual(analytic[k].count, t.count, file: file, line: line)
        let n = t.count
        let stride = max(1, n / maxEntries)
        for i in Swift.stride(from: 0, to: n, by: stride) {
            var values = t.scalars
            let original = values[i]
            values[i] = original + eps
            t.scalars = values
            let up = lossValue()
            values[i] = original - eps
            t.scalars = values
            let down = lossValue()
            values[i] = original
            t.scalars = values
            let numeric = Float((up - down) / (2 * Double(eps)))
            let a = analytic[k][i]
            let ok = abs(a - numeric) <= atol + rtol * max(abs(a), abs(numeric))
            XCTAssertTrue(ok, "input \(k) entry \(i): analytic \(a), numeric \(numeric)", file: file, line: line)
            if !ok { return }
        }
    }
}

func randomTensor(_ shape: [Int], seed: UInt64, std: Float = 1) -> Tensor {
    var rng = TensorRNG(seed: seed)
    return Tensor.randn(shape, std: std, rng: &rng)
}
