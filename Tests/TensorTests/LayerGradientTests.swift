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
