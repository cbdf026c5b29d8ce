import XCTest
import Tensor

final class AttentionTests: XCTestCase {
    private func identityAttention() -> MultiHeadAttention {
        var rng = TensorRNG(seed: 1)
        let mha = MultiHeadAttention(dim: 2, heads: 1, rng: &rng)
        for lin in [mha.q, mha.k, mha.v, mha.out] {
            lin.weight.scalars = [1, 0, 0, 1]
            lin.bias!.scalars = [0, 0]
        }
        return mha
    }

    /// q = [1, 0]; keys [1, 0], [0, 2], [3, 3] (masked); values [1, 2], [3, −1], [9, 9] (masked).
    /// Scores 1/√2, 0 → softmax → weighted values, computed by hand.
    func testHandComputedSingleHead() {
        let mha = identityAttention()
        let query = Tensor(shape: [1, 1, 2], scalars: [1, 0])
        let key = Tensor(shape: [1, 3, 2], scalars: [1, 0, 0, 2, 3, 3])
        let value = Tensor(shape: [1, 3, 2], scalars: [1, 2, 3, -1, 9, 9])
        let mask = Tensor(shape: [1, 3], scalars: [1, 1, 0])
        let y = mha(query: query, key: key, value: value, keyMask: mask)
        XCTAssertEqual(y.shape, [1, 1, 2])
        XCTAssertEqual(y.scalars[0], 1.6604769013466862, accuracy: 1e-5)
        XCTAssertEqual(y.scalars[1], 1.0092846479799706, accuracy: 1e-5)
    }

    /// A batch element with every key masked yields the output bias, no NaN, and zero gradients to its keys.
    func testAllMaskedRow() {
        var rng = TensorRNG(seed: 2)
        let mha = MultiHeadAttention(dim: 4, heads: 2, rng: &rng)
        let q = randomTensor([2, 3, 4], seed: 3).requiringGrad(), kv = randomTensor([2, 2, 4], seed: 4).requiringGrad()
        let mask = Tensor(shape: [2, 2], scalars: [1, 1, 0, 0])
        let tape = Tape()
        let y = tape.record { mha(query: q, key: kv, value: kv, keyMask: mask) }
        XCTAssertFalse(y.scalars.contains { $0.isNaN })
        let bias = mha.out.bias!.scalars
        for t in 0..<3 {
            for j in 0..<4 { XCTAssertEqual(y.scalars[12 + t * 4 + j], bias[j], accuracy: 1e-6) }
        }
        let grads = tape.backward(tape.record { y.square().sum() }, wrt: [kv])
        XCTAssertEqual(Array(grads[0][8..<16]), [Float](repeating: 0, count: 8))
        XCTAssertFalse(grads[0].contains { $0.isNaN })
    }

    func testPoolingGradientsAndShape() {
        var rng = TensorRNG(seed: 5)
        let pool = AttentionPooling(dim: 4, heads: 2, rng: &rng)
        let x = randomTensor([3, 5, 4], seed: 6)
        let mask = Tensor(shape: [3, 5], scalars: [1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1])
        XCTAssertEqual(pool(x, mask: mask).shape, [3, 4])
        checkGradients([x] + pool.parameterTensors) { pool(x, mask: mask) }
        XCTAssertEqual(pool.parameters.first?.name, "query")
        XCTAssertTrue(pool.parameters.contains { $0.name == "attn.out.bias" })
    }

    func testSelfAttentionGradients() {
        var rng = TensorRNG(seed: 7)
        let mha = MultiHeadAttention(dim: 6, heads: 3, rng: &rng)
        let x = randomTensor([2, 4, 6], seed: 8)
        let mask = Tensor(shape: [2, 4], scalars: [1, 1, 1, 1, 1, 0, 1, 0])
        checkGradients([x] + mha.parameterTensors) { mha(query: x, key: x, value: x, keyMask: mask) }
    }

    /// The fused core equals the composition of primitive ops (permute, bmm, masked softmax, bmm), for head
    /// widths that take the scalar (3), 8-lane (8) and 32-column register (40 = 32 + 8) paths.
    func testFusedCoreMatchesComposition() {
        for (heads, dh, seed) in [(2, 3, UInt64(9)), (1, 8, 20), (2, 40, 30)] {
            let b = 2, tq = 3, tk = 5, d = heads * dh
            let q = randomTensor([b, tq, d], seed: seed), k = randomTensor([b, tk, d], seed: seed + 1)
            let v = randomTensor([b, tk, d], seed: seed + 2)
            let mask = Tensor(shape: [b, tk], scalars: [1, 0, 1, 1, 1, 0, 0, 0, 0, 0])
            func split(_ x: Tensor, _ t: Int) -> Tensor { x.reshaped([b, t, heads, dh]).permuted([0, 2, 1, 3]).reshaped([b * heads, t, dh]) }
            let scores = (Tensor.bmm(split(q, tq), split(k, tk), transposeB: true) * (1 / Float(dh).squareRoot())).reshaped([b, heads, tq, tk])
            let p = scores.maskedSoftmax(mask: mask.reshaped([b, 1, 1, tk])).reshaped([b * heads, tq, tk])
            let reference = Tensor.bmm(p, split(v, tk)).reshaped([b, heads, tq, dh]).permuted([0, 2, 1, 3]).reshaped([b, tq, d])
            let fused = Tensor.attention(query: q, key: k, value: v, heads: heads, keyMask: mask)
            for (x, y) in zip(fused.scalars, reference.scalars) { XCTAssertEqual(x, y, accuracy: 1e-5) }
            checkGradients([q, k, v]) { Tensor.attention(query: q, key: k, value: v, heads: heads, keyMask: mask) }
        }
        let q = randomTensor([2, 3, 6], seed: 40), k = randomTensor([2, 4, 6], seed: 41)
        checkGradients([q, k]) { Tensor.attention(query: q, key: k, value: k, heads: 3, keyMask: nil) }
    }
}
