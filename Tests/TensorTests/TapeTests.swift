import XCTest
import Foundation
import Tensor

final class TapeTests: XCTestCase {
    func testInferenceRecordsNothing() {
        let p = Tensor.parameter(shape: [2], scalars: [1, 2])
        let tape = Tape()
        _ = (p * p).sum()          // outside record
        XCTAssertEqual(tape.opCount, 0)
        let y = tape.record { Tape.withoutRecording { (p * p).sum() } }
        XCTAssertEqual(tape.opCount, 0)
        XCTAssertTrue(tape.backward(y).isEmpty)
        let c = Tensor(shape: [2], scalars: [3, 4])
        _ = tape.record { (c * c).sum() }  // constants only: nothing to record
        XCTAssertEqual(tape.opCount, 0)
    }

    /// After backward, outputs of the consumed recording are constants to the next one.
    func testTapeReuseAfterBackward() {
        let p = Tensor.parameter(shape: [1], scalars: [3])
        let tape = Tape()
        let y = tape.record { p * p }
        XCTAssertEqual(tape.backward(y.sum())[p], nil)   // y.sum() was computed outside record: not on the tape
        let first = tape.record { (p * p).sum() }
        XCTAssertEqual(tape.backward(first)[p]!, [6])
        let second = tape.record { (y * p).sum() }      // y is a constant (9) now: d/dp = 9
        XCTAssertEqual(tape.backward(second)[p]!, [9])
    }

    func testGradientsAccumulateOverReuse() {
        let p = Tensor.parameter(shape: [2], scalars: [1, 2])
        let tape = Tape()
        let loss = tape.record { (p * p + p * 3).sum() }   // d/dp = 2p + 3
        XCTAssertEqual(tape.backward(loss)[p]!, [5, 7])
    }

    /// Two threads train on their own tapes sharing parameters; results equal the serial ones.
    func testConcurrentTapesMatchSerial() {
        var rng = TensorRNG(seed: 1)
        let gru = GRU(inputSize: 3, hiddenSize: 8, layers: 2, rng: &rng)
        let head = Linear(8, 1, rng: &rng)
        let xs = (0..<2).map { randomTensor([4, 6, 3], seed: 10 + UInt64($0)) }
        func step(_ shard: Int) -> Gradients {
            let tape = Tape()
            let loss = tape.record { head(gru(xs[shard], lengths: [6, 3, 1, 0]).last).square().mean() }
            return tape.backward(loss)
        }
        let serial = [step(0), step(1)]
        for _ in 0..<5 {
            let parallel = dataParallel(2) { step($0) }
            for s in 0..<2 {
                for p in gru.parameterTensors + head.parameterTensors {
                    XCTAssertEqual(parallel[s][p]!, serial[s][p]!)
                }
            }
        }
    }

    /// OpenBLAS runs single-threaded by default (shards provide the parallelism) and stays so after `dataParallel`.
    func testBLASIsSingleThreadedByDefault() {
        _ = randomTensor([4, 4], seed: 1).matmul(randomTensor([4, 4], seed: 2))
        XCTAssertEqual(BLAS.threads, 1)
        _ = dataParallel(2) { $0 }
        XCTAssertEqual(BLAS.threads, 1)
    }

    /// Summing shard gradients equals the full-batch gradient of the summed loss (float rounding only).
    func testDataParallelSumEqualsFullBatch() {
        var rng = TensorRNG(seed: 2)
        let mlp = MLP([3, 6, 1], rng: &rng)
        let x = randomTensor([8, 3], seed: 3)
        func grads(_ rows: Range<Int>) -> Gradients {
            let tape = Tape()
            let loss = tape.record { mlp(x.slice(axis: 0, range: rows)).square().sum() }
            return tape.backward(loss)
        }
        let full = grads(0..<8)
        var summed = Gradients()
        for g in dataParallel(2, { grads(shardRanges(count: 8, shards: 2)[$0]) }) { summed += g }
        for p in mlp.parameterTensors {
            for (a, b) in zip(full[p]!, summed[p]!) { XCTAssertEqual(a, b, accuracy: 1e-5 * max(1, abs(a))) }
        }
        XCTAssertEqual(shardRanges(count: 5, shards: 2), [0..<3, 3..<5])
    }

    func testRNGIsReproducible() {
        var a = TensorRNG(seed: 9), b = TensorRNG(seed: 9), c = TensorRNG(seed: 10)
        let xa = (0..<5).map { _ in a.normal() }, xb = (0..<5).map { _ in b.normal() }
        XCTAssertEqual(xa, xb)
        XCTAssertNotEqual(xa, (0..<5).map { _ in c.normal() })
        var r = TensorRNG(seed: 11)
        let n = 20000
        let v = (0..<n).map { _ in r.normal() }
        let mean = v.reduce(0, +) / Float(n)
        let variance = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Float(n)
        XCTAssertEqual(mean, 0, accuracy: 0.03)
        XCTAssertEqual(variance, 1, accuracy: 0.04)
        let u = (0..<n).map { _ in r.uniform() }
        XCTAssertTrue(u.allSatisfy { $0 >= 0 && $0 < 1 })
        XCTAssertEqual(u.reduce(0, +) / Float(n), 0.5, accuracy: 0.01)
    }

    func testFactoriesAndShapes() {
        XCTAssertEqual(Tensor.zeros([2, 3]).scalars, [Float](repeating: 0, count: 6))
        XCTAssertEqual(Tensor.ones([2]).scalars, [1, 1])
        XCTAssertEqual(Tensor(filling: 7, shape: [1]).scalar, 7)
        let t = Tensor(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(t.rank, 2)
        XCTAssertEqual(t.count, 6)
        XCTAssertEqual(t.sum().shape, [])
        XCTAssertEqual(t.transposed(0, 1).scalars, [1, 4, 2, 5, 3, 6])
        XCTAssertEqual(t.sum(axis: 0).scalars, [5, 7, 9])
        XCTAssertEqual(t.mean(axis: -1, keepDims: true).shape, [2, 1])
        XCTAssertEqual(t.matmul(Tensor(shape: [3, 1], scalars: [1, 0, -1])).scalars, [-2, -2])
        XCTAssertEqual((t + Tensor(shape: [3], scalars: [10, 20, 30])).scalars, [11, 22, 33, 14, 25, 36])
        XCTAssertEqual(Tensor.concat([t, t], axis: 0).shape, [4, 3])
        XCTAssertEqual(t.indexSelect(axis: 1, indices: [2, 2]).scalars, [3, 3, 6, 6])
    }

    /// The profiler attributes time to op kinds and sgemm while enabled, and records nothing when disabled.
    func testProfilerRecordsOpKinds() {
        var rng = TensorRNG(seed: 12)
        let layer = Linear(8, 8, rng: &rng)
        let x = randomTensor([16, 8], seed: 13)
        OpProfiler.reset()
        OpProfiler.isEnabled = true
        let tape = Tape()
        let loss = tape.record { layer(x).tanh().sum() }
        _ = tape.backward(loss)
        OpProfiler.isEnabled = false
        let keys = Set(OpProfiler.totals.keys)
        XCTAssertTrue(keys.isSuperset(of: ["forward linear", "backward linear", "forward elementwise", "sgemm linear"]), "\(keys)")
        OpProfiler.reset()
        _ = layer(x)
        XCTAssertTrue(OpProfiler.totals.isEmpty)
    }
}
