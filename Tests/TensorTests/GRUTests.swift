import XCTest
import Tensor

final class GRUTests: XCTestCase {
    /// One unit, one input: values computed by hand (scalar PyTorch GRU equations, in Python doubles).
    func testHandComputedSteps() {
        var rng = TensorRNG(seed: 1)
        let gru = GRU(inputSize: 1, hiddenSize: 1, layers: 1, rng: &rng)
        gru.wIH[0].scalars = [0.5, -0.3, 0.8]
        gru.wHH[0].scalars = [0.2, 0.4, -0.6]
        gru.bIH[0].scalars = [0.1, 0.0, -0.1]
        gru.bHH[0].scalars = [0.0, 0.2, 0.05]
        let x = Tensor(shape: [2, 3, 1], scalars: [1, -2, 99, 1, 77, 55])
        let (out, last) = gru(x, lengths: [2, 1])
        XCTAssertEqual(out.shape, [2, 3, 1])
        let expected: [Float] = [0.32782848562921607, -0.03078852564239573, 0, 0.32782848562921607, 0, 0]
        for (a, e) in zip(out.scalars, expected) { XCTAssertEqual(a, e, accuracy: 1e-6) }
        XCTAssertEqual(last.scalars[0], -0.03078852564239573, accuracy: 1e-6)
        XCTAssertEqual(last.scalars[1], 0.32782848562921607, accuracy: 1e-6)
    }

    /// Padded inputs (even NaN) change neither outputs nor gradients; padded outputs are exactly 0;
    /// a zero-length sequence gives zero outputs and a zero `last`.
    func testPaddingIsInert() {
        var rng = TensorRNG(seed: 2)
        let gru = GRU(inputSize: 2, hiddenSize: 3, layers: 2, rng: &rng)
        let lengths = [4, 2, 0]
        let clean = randomTensor([3, 4, 2], seed: 3)
        var dirtyValues = clean.scalars
        for n in 0..<3 {
            for t in lengths[n]..<4 { dirtyValues[(n * 4 + t) * 2] = .nan; dirtyValues[(n * 4 + t) * 2 + 1] = 1e6 }
        }
        let dirty = Tensor(shape: [3, 4, 2], scalars: dirtyValues)
        func run(_ x: Tensor) -> (out: [Float], last: [Float], grads: [[Float]]) {
            x.requiresGrad = true
            let tape = Tape()
            var out: Tensor! = nil, last: Tensor! = nil
            let loss = tape.record { () -> Tensor in
                (out, last) = gru(x, lengths: lengths)
                return out.square().sum() + last.sum()
            }
            return (out.scalars, last.scalars, tape.backward(loss, wrt: [x] + gru.parameterTensors))
        }
        let a = run(clean), b = run(dirty)
        XCTAssertEqual(a.out, b.out)
        XCTAssertEqual(a.last, b.last)
        XCTAssertEqual(a.grads, b.grads)
        for n in 0..<3 {
            for t in lengths[n]..<4 {
                XCTAssertEqual(Array(a.out[((n * 4 + t) * 3)..<((n * 4 + t) * 3 + 3)]), [0, 0, 0])
                XCTAssertEqual(Array(b.grads[0][((n * 4 + t) * 2)..<((n * 4 + t) * 2 + 2)]), [0, 0])
            }
        }
        XCTAssertEqual(Array(a.last[6..<9]), [0, 0, 0])
        XCTAssertEqual(Array(a.last[3..<6]), Array(a.out[((1 * 4 + 1) * 3)..<((1 * 4 + 1) * 3 + 3)]))
    }

    func testParameterNames() {
        var rng = TensorRNG(seed: 4)
        let gru = GRU(inputSize: 2, hiddenSize: 3, layers: 2, rng: &rng)
        XCTAssertEqual(gru.parameters.map(\.name),
                       ["l0.w_ih", "l0.w_hh", "l0.b_ih", "l0.b_hh", "l1.w_ih", "l1.w_hh", "l1.b_ih", "l1.b_hh"])
        XCTAssertEqual(gru.parameters[4].tensor.shape, [9, 3])
    }

    /// A batch where no sequence has any step: zero outputs and states, zero gradients, no crash.
    func testAllSequencesEmpty() {
        var rng = TensorRNG(seed: 5)
        let gru = GRU(inputSize: 2, hiddenSize: 8, layers: 2, rng: &rng)
        let x = randomTensor([2, 3, 2], seed: 6).requiringGrad()
        let tape = Tape()
        let (out, last) = tape.record { gru(x, lengths: [0, 0]) }
        XCTAssertEqual(out.scalars, [Float](repeating: 0, count: 48))
        XCTAssertEqual(last.scalars, [Float](repeating: 0, count: 16))
        let grads = tape.backward(tape.record { (out.sum() + last.sum()) * 2 }, wrt: [x, gru.wIH[0]])
        XCTAssertEqual(grads[0], [Float](repeating: 0, count: 12))
        XCTAssertEqual(grads[1], [Float](repeating: 0, count: 48))
    }

    /// Hidden size 16 and 20 exercise the 8-lane cell and its scalar tail; gradients checked.
    func testVectorisedCellGradients() {
        for hidden in [16, 20] {
            var rng = TensorRNG(seed: UInt64(hidden))
            let gru = GRU(inputSize: 3, hiddenSize: hidden, layers: 1, rng: &rng)
            let x = randomTensor([3, 4, 3], seed: 7)
            checkGradients([x] + gru.parameterTensors, maxEntries: 12) { gru(x, lengths: [4, 1, 3]).outputs }
        }
    }
}
