import XCTest
import Tensor

final class LayerGradientTests: XCTestCase {
    func testLinearAndMLP() {
        var rng = TensorRNG(seed: 1)
        let mlp = MLP([3, 5, 2], activation: .tanh, rng: &rng)
        let x = randomTensor([2, 4, 3], seed: 2)
        checkGradients([x] + mlp.parameterTensors) { mlp(x) }
        XCTAssertEqual(mlp.parameters.map(\.name), ["l0.weight", "l0.bias", "l1.weight", "l1.bias"])
    }

    func testGRUWithLengths() {
        var rng = TensorRNG(seed: 3)
        let gru = GRU(inputSize: 3, hiddenSize: 4, layers: 2, rng: &rng)
        let x = randomTensor([3, 5, 3], seed: 4)
        let lengths = [5, 2, 0]
        checkGradients([x] + gru.parameterTensors) {
            let (out, last) = gru(x, lengths: lengths)
            return Tensor.concat([out.reshaped([3, 20]), last], axis: 1)
        }
    }

    func testAttentionWithMask() {
        var rng = TensorRNG(seed: 5)
        let mha = MultiHeadAttention(dim: 4, heads: 2, keyDim: 3, rng: &rng)
        let q = randomTensor([2, 3, 4], seed: 6), kv = randomTensor([2, 5, 3], seed: 7)
        let mask = Tensor(shape: [2, 5], scalars: [1, 1, 0, 1, 0, 0, 0, 0, 0, 0])
        checkGradients([q, kv] + mha.parameterTensors) { mha(query: q, key: kv, value: kv, keyMask: mask) }
    }
}

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
