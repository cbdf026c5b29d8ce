import XCTest
import Foundation
import Tensor

final class OpGradientTests: XCTestCase {
    func testBroadcastArithmetic() {
        let a = randomTensor([2, 3, 4], seed: 1), b = randomTensor([3, 1], seed: 2)
        let c = randomTensor([4], seed: 3)
        let d = Tensor(shape: [1, 3, 4], scalars: randomTensor([12], seed: 4).scalars.map { 1.5 + abs($0) })
        checkGradients([a, b, c, d]) { ((a + b) * c - a / d + 2 * a - (1 - b)) / 3 }
        checkGradients([a]) { -a + 0.5 * a / 2 }
        checkGradients([d]) { 1 / d }
    }

    func testUnary() {
        let x = randomTensor([3, 5], seed: 5)
        let pos = Tensor(shape: [3, 5], scalars: x.scalars.map { 0.5 + abs($0) })
        checkGradients([x]) { x.exp() + x.tanh() + x.sigmoid() + x.softplus() + x.gelu() + x.square() }
        checkGradients([pos]) { pos.log() + pos.sqrt() }
        checkGradients([x]) { x.exprel() }
        let nearZero = Tensor(shape: [4], scalars: [0, 0.004, -0.006, 0.02])
        checkGradients([nearZero]) { nearZero.exprel() }
        let closedForm: [Double] = [1, 1 - exp(-1.0), (1 - exp(2.0)) / -2]
        for (value, expected) in zip(Tensor(shape: [3], scalars: [0, 1, -2]).exprel().scalars, closedForm) {
            XCTAssertEqual(Double(value), expected, accuracy: 1e-6)
        }
        // Entries away from the kinks at 0 and ±0.7 (finite differences straddle a kink otherwise).
        let y = Tensor(shape: [6], scalars: [-1.3, -0.4, 0.3, 0.9, 1.5, -2])
        checkGradients([y]) { y.relu() + y.clamp(min: -0.7, max: 0.7) + y.abs() }
    }

    func testReductions() {
        let x = randomTensor([2, 3, 4], seed: 6)
        checkGradients([x]) { x.sum(axis: 1) }
        checkGradients([x]) { x.mean(axis: -1, keepDims: true) }
        checkGradients([x]) { x.sum() + x.mean() }
        checkGradients([x]) { x.logSumExp(axis: 1) }
        checkGradients([x]) { x.logSumExp(axis: -1, keepDims: true) }
        checkGradients([x]) { x.max(axis: 1) }
    }

    func testMatmulAndBmm() {
        let a = randomTensor([2, 3, 4], seed: 7), b = randomTensor([4, 5], seed: 8)
        checkGradients([a, b]) { a.matmul(b) }
        for ta in [false, true] {
            for tb in [false, true] {
                let x = randomTensor(ta ? [2, 4, 3] : [2, 3, 4], seed: 9)
                let y = randomTensor(tb ? [2, 5, 4] : [2, 4, 5], seed: 10)
                checkGradients([x, y]) { Tensor.bmm(x, y, transposeA: ta, transposeB: tb) }
                // 32 × 32 × 32: the forward and both backward products are wide enough for the native kernel.
                let u = randomTensor([1, 32, 32], seed: 11), v = randomTensor([1, 32, 32], seed: 12)
                checkGradients([u, v]) { Tensor.bmm(u, v, transposeA: ta, transposeB: tb) }
            }
        }
    }

    func testShapeOps() {
        let x = randomTensor([2, 3, 4], seed: 11), y = randomTensor([2, 2, 4], seed: 12)
        checkGradients([x]) { x.reshaped([4, -1]) }
        checkGradients([x]) { x.transposed(0, 2) }
        checkGradients([x]) { x.permuted([1, 2, 0]) }
        checkGradients([x, y]) { Tensor.concat([x, y, x], axis: 1) }
        checkGradients([x]) { Tensor.stack([x, x * 2], axis: 1) }
        XCTAssertEqual(Tensor.stack([x, x], axis: -1).shape, [2, 3, 4, 2])
        checkGradients([x]) { x.slice(axis: -1, range: 1..<3) }
        checkGradients([x]) { x.indexSelect(axis: 1, indices: [2, 0, 2, -1]) }
        let z = randomTensor([3, 1], seed: 13)
        checkGradients([z]) { z.broadcast(to: [2, 3, 4]) }
    }

    func testMaskedSoftmax() {
        let x = randomTensor([2, 3, 4], seed: 14)
        let mask = Tensor(shape: [2, 1, 4], scalars: [1, 0, 1, 1, 0, 0, 0, 0])
        checkGradients([x]) { x.maskedSoftmax(mask: mask, axis: -1) }
        checkGradients([x]) { x.maskedSoftmax(mask: nil, axis: 1) }
        let y = x.maskedSoftmax(mask: mask)
        XCTAssertEqual(Array(y.scalars[12..<24]), [Float](repeating: 0, count: 12))
        XCTAssertEqual(y.scalars[1], 0)
        XCTAssertEqual(y.scalars[0] + y.scalars[2] + y.scalars[3], 1, accuracy: 1e-6)
    }

    func testLayerNormAndDistributions() {
        let x = randomTensor([3, 6], seed: 15), g = randomTensor([6], seed: 16), b = randomTensor([6], seed: 17)
        checkGradients([x, g, b]) { Tensor.layerNorm(x, gain: g, bias: b) }
        let m = randomTensor([2, 3], seed: 18), lv = randomTensor([2, 3], seed: 19, std: 0.5)
        let m2 = randomTensor([3], seed: 20), lv2 = randomTensor([2, 1], seed: 21, std: 0.5)
        let obs = randomTensor([2, 3], seed: 22)
        checkGradients([obs, m, lv]) { Tensor.gaussianLogDensity(x: obs, mean: m, logVar: lv) }
        checkGradients([obs, m2, lv2]) { Tensor.gaussianLogDensity(x: obs, mean: m2, logVar: lv2) }
        // log N(0; 0, 1) = −½ log 2π; KL of identical Gaussians is 0.
        let zero = Tensor.zeros([1])
        XCTAssertEqual(Tensor.gaussianLogDensity(x: zero, mean: zero, logVar: zero).scalar, -0.9189385, accuracy: 1e-6)
        for v in Tensor.klDiagonalGaussian(mean1: m, logVar1: lv, mean2: m, logVar2: lv).scalars { XCTAssertEqual(v, 0, accuracy: 1e-6) }
        checkGradients([m, lv, m2, lv2]) { Tensor.klDiagonalGaussian(mean1: m, logVar1: lv, mean2: m2, logVar2: lv2) }
    }
}
