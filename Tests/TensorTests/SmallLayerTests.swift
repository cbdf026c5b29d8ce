import XCTest
import Tensor

final class SmallLayerTests: XCTestCase {
    func testLayerNormLayer() {
        let ln = LayerNorm(5)
        var rng = TensorRNG(seed: 1)
        ln.gain.scalars = (0..<5).map { _ in 1 + 0.3 * rng.normal() }
        ln.bias.scalars = (0..<5).map { _ in 0.3 * rng.normal() }
        let x = randomTensor([2, 3, 5], seed: 2)
        checkGradients([x] + ln.parameterTensors) { ln(x) }
        let y = LayerNorm(5)(x)
        let row = Array(y.scalars[0..<5])
        XCTAssertEqual(row.reduce(0, +) / 5, 0, accuracy: 1e-5)
        XCTAssertEqual(row.map { $0 * $0 }.reduce(0, +) / 5, 1, accuracy: 1e-3)
    }

    func testEmbedding() {
        var rng = TensorRNG(seed: 3)
        let emb = Embedding(4, 3, rng: &rng)
        let y = emb([2, 0, 2])
        XCTAssertEqual(y.shape, [3, 3])
        XCTAssertEqual(Array(y.scalars[0..<3]), Array(emb.weight.scalars[6..<9]))
        checkGradients(emb.parameterTensors) { emb([2, 0, 2, 3]) }
    }

    /// Widths 12 (8 lanes + tail) take the vectorised fused activation and bias-gradient paths.
    func testFusedLinearActivationVectorPaths() {
        var rng = TensorRNG(seed: 6)
        let x = randomTensor([5, 7], seed: 7)
        for a in [Activation.gelu, .relu, .tanh, .identity] {
            for hasBias in [true, false] {
                let lin = Linear(7, 12, bias: hasBias, rng: &rng)
                checkGradients([x] + lin.parameterTensors, maxEntries: 30) { lin(x, activation: a) }
                let composed = a(Tensor.linear(x, weight: lin.weight, bias: lin.bias))
                for (u, w) in zip(lin(x, activation: a).scalars, composed.scalars) { XCTAssertEqual(u, w, accuracy: 1e-6) }
            }
        }
    }

    func testActivations() {
        let x = randomTensor([4, 3], seed: 4)
        for a in [Activation.gelu, .relu, .tanh, .sigmoid, .identity] {
            var rng = TensorRNG(seed: 5)
            let mlp = MLP([3, 4, 2], activation: a, rng: &rng)
            checkGradients(mlp.parameterTensors) { mlp(x) }
        }
        XCTAssertEqual(Tensor(shape: [1], scalars: [1]).gelu().scalar, 0.8413447, accuracy: 1e-6)
    }
}
