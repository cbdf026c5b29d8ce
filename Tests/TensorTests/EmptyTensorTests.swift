import XCTest
import Tensor

/// Ops and layers accept tensors with a zero-sized dimension (e.g. a batch with no rows) and
/// return correctly shaped empty results; gradients flow (as empty arrays) without crashing.
final class EmptyTensorTests: XCTestCase {
    func testOpsOnEmptyTensors() {
        var rng = TensorRNG(seed: 1)
        let x = Tensor.zeros([0, 4]).requiringGrad()
        let w = Tensor.randn([4, 3], rng: &rng).requiringGrad()
        let tape = Tape()
        let loss = tape.record { () -> Tensor in
            let a = (x.exp() + x * 2 - x / 3).tanh()
            let m = a.matmul(w)
            let lin = Tensor.linear(x, weight: Tensor.randn([5, 4], rng: &rng), bias: Tensor.zeros([5]), activation: .gelu)
            let ln = Tensor.layerNorm(x, gain: Tensor.ones([4]), bias: Tensor.zeros([4]))
            let c = Tensor.concat([x, x], axis: 0).slice(axis: 1, range: 1..<3)
            let s = a.maskedSoftmax(mask: nil).sum(axis: 0)
            XCTAssertEqual(m.shape, [0, 3])
            XCTAssertEqual(lin.shape, [0, 5])
            XCTAssertEqual(c.shape, [0, 2])
            XCTAssertEqual(s.shape, [4])
            return m.sum() + lin.sum() + ln.sum() + c.sum() + s.sum()
        }
        XCTAssertEqual(loss.scalar, 0)
        let grads = tape.backward(loss, wrt: [x, w])
        XCTAssertEqual(grads[0], [])
        XCTAssertEqual(grads[1], [Float](repeating: 0, count: 12))
    }

    func testLayersOnEmptyBatches() throws {
        var rng = TensorRNG(seed: 2)
        let gru = GRU(inputSize: 3, hiddenSize: 8, layers: 2, rng: &rng)
        let (out, last) = gru(Tensor.zeros([0, 5, 3]), lengths: [])
        XCTAssertEqual(out.shape, [0, 5, 8])
        XCTAssertEqual(last.shape, [0, 8])
        let mha = MultiHeadAttention(dim: 8, heads: 2, rng: &rng)
        XCTAssertEqual(mha(query: Tensor.zeros([0, 2, 8]), key: Tensor.zeros([0, 3, 8]), value: Tensor.zeros([0, 3, 8]),
                           keyMask: Tensor.zeros([0, 3])).shape, [0, 2, 8])
        XCTAssertEqual(mha(query: Tensor.zeros([2, 2, 8]), key: Tensor.zeros([2, 0, 8]), value: Tensor.zeros([2, 0, 8]),
                           keyMask: nil).shape, [2, 2, 8])
        let blob = try SafeTensors.serialize([("e", Tensor.zeros([0]))])
        XCTAssertEqual(try SafeTensors.deserialize(blob).tensors["e"]?.shape, [0])
    }
}
