import XCTest
@testable import Tensor

/// `RowPacking` and `placingRows`: packing keeps exactly the valid rows, unpacking restores them with zeros at
/// the padding, both pass finite-difference gradient checks, and the packed attention variants give the valid
/// rows of the padded ones.
final class RowPackingTests: XCTestCase {
    private let lengths = [3, 0, 5, 1]   // B = 4, T = 5

    func testPackKeepsValidRowsAndUnpackZeroesPadding() {
        let packing = RowPacking(lengths: lengths, steps: 5)
        XCTAssertEqual(packing.count, 9)
        XCTAssertEqual(packing.rows, [0, 1, 2, 10, 11, 12, 13, 14, 15])
        XCTAssertEqual(packing.batchOfRow, [0, 0, 0, 2, 2, 2, 2, 2, 3])
        let mask = Tensor(shape: [4, 5], scalars: packing.validMask)
        XCTAssertEqual(RowPacking(mask: mask).rows, packing.rows)

        let x = randomTensor([4, 5, 3], seed: 1)
        let packed = packing.pack(x)
        XCTAssertEqual(packed.shape, [9, 3])
        let restored = packing.unpack(packed)
        XCTAssertEqual(restored.shape, [4, 5, 3])
        for b in 0..<4 {
            for t in 0..<5 {
                for f in 0..<3 {
                    let i = (b * 5 + t) * 3 + f
                    XCTAssertEqual(restored.scalars[i], t < lengths[b] ? x.scalars[i] : 0)
                }
            }
        }
        XCTAssertEqual(packing.pack(restored).scalars, packed.scalars)

        let dense = RowPacking(lengths: [5, 5, 5, 5], steps: 5)
        XCTAssertTrue(dense.isDense)
        XCTAssertFalse(packing.isDense)
        XCTAssertEqual(dense.pack(x).scalars, x.scalars)
        XCTAssertEqual(dense.unpack(dense.pack(x)).shape, [4, 5, 3])
    }

    func testGradients() {
        let packing = RowPacking(lengths: lengths, steps: 5)
        let x = randomTensor([4, 5, 3], seed: 2), y = randomTensor([9, 3], seed: 3)
        checkGradients([x]) { packing.pack(x) }
        checkGradients([x]) { RowPacking(lengths: [5, 5, 5, 5], steps: 5).pack(x) }
        checkGradients([y]) { packing.unpack(y) }
        checkGradients([y]) { y.placingRows(at: [6, 0, 3, 1, 9, 2, 8, 4, 7], count: 11) }
    }

    func testPackedAttentionEqualsValidRowsOfPaddedAttention() {
        var rng = TensorRNG(seed: 4)
        let mha = MultiHeadAttention(dim: 8, heads: 2, rng: &rng)
        let packing = RowPacking(lengths: lengths, steps: 5)
        let mask = Tensor(shape: [4, 5], scalars: packing.validMask)
        let x = randomTensor([4, 5, 8], seed: 5)
        let padded = packing.pack(mha(query: x, key: x, value: x, keyMask: mask)).scalars
        let packed = mha.selfAttention(packed: packing.pack(x), packing: packing).scalars
        for (u, v) in zip(padded, packed) { XCTAssertEqual(u, v, accuracy: 1e-5) }

        let memory = randomTensor([4, 3, 8], seed: 6)
        let memoryMask = Tensor(shape: [4, 3], scalars: [1, 1, 1, 1, 0, 1, 1, 1, 0, 0, 0, 1])
        let cross = packing.pack(mha(query: x, key: memory, value: memory, keyMask: memoryMask)).scalars
        let packedCross = mha(packedQuery: packing.pack(x), packing: packing, key: memory, value: memory, keyMask: memoryMask).scalars
        for (u, v) in zip(cross, packedCross) { XCTAssertEqual(u, v, accuracy: 1e-5) }
        XCTAssertEqual(packedCross.count, 9 * 8)

        let xp = packing.pack(x)
        checkGradients(mha.parameters.map(\.tensor) + [xp]) { mha.selfAttention(packed: xp, packing: packing) }
    }
}
