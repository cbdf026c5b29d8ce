import XCTest
import Foundation
import Tensor

final class SafeTensorsTests: XCTestCase {
    func testRoundTripIsBitExact() throws {
        let special: [Float] = [0, -0.0, 1, -1.5, .infinity, -.infinity, .leastNonzeroMagnitude, .greatestFiniteMagnitude, 3.14159, -2e-30, 7, 8]
        let a = Tensor(shape: [3, 4], scalars: special)
        let b = randomTensor([5], seed: 1)
        let s = Tensor(shape: [], scalars: [42])
        let e = Tensor(shape: [0, 3], scalars: [])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("tensor-test-\(UUID().uuidString).safetensors")
        defer { try? FileManager.default.removeItem(at: url) }
        try SafeTensors.save([("a.weight", a), ("b", b), ("scalar", s), ("empty", e)],
                             metadata: ["spec": "{\"gru\": 2}", "note": "π ≠ 3"], to: url)
        let (tensors, metadata) = try SafeTensors.load(from: url)
        XCTAssertEqual(metadata, ["spec": "{\"gru\": 2}", "note": "π ≠ 3"])
        XCTAssertEqual(tensors["a.weight"]?.shape, [3, 4])
        XCTAssertEqual(tensors["a.weight"]?.scalars.map(\.bitPattern), special.map(\.bitPattern))
        XCTAssertEqual(tensors["b"]?.scalars.map(\.bitPattern), b.scalars.map(\.bitPattern))
        XCTAssertEqual(tensors["scalar"]?.shape, [])
        XCTAssertEqual(tensors["empty"]?.shape, [0, 3])
        // NaN payloads survive too.
        let nan = Tensor(shape: [1], scalars: [Float(bitPattern: 0x7FC0_1234)])
        let back = try SafeTensors.deserialize(SafeTensors.serialize([("n", nan)])).tensors["n"]!
        XCTAssertEqual(back.scalars[0].bitPattern, 0x7FC0_1234)
    }

    /// The layout follows the spec: u64 LE header length, JSON header padded to 8, data in order.
    func testLayoutMatchesSpec() throws {
        let data = try SafeTensors.serialize([("x", Tensor(shape: [2], scalars: [1, 2])), ("y", Tensor(shape: [1], scalars: [-2]))])
        let bytes = [UInt8](data)
        let n = Int(bytes[0..<8].enumerated().reduce(UInt64(0)) { $0 | UInt64($1.element) << (8 * UInt64($1.offset)) })
        XCTAssertEqual(n % 8, 0)
        XCTAssertEqual(bytes.count, 8 + n + 12)
        let header = try JSONSerialization.jsonObject(with: Data(bytes[8..<(8 + n)])) as! [String: Any]
        let x = header["x"] as! [String: Any]
        XCTAssertEqual(x["dtype"] as? String, "F32")
        XCTAssertEqual(x["shape"] as? [Int], [2])
        XCTAssertEqual(x["data_offsets"] as? [Int], [0, 8])
        XCTAssertEqual((header["y"] as! [String: Any])["data_offsets"] as? [Int], [8, 12])
        XCTAssertEqual(Array(bytes[(8 + n)..<(8 + n + 4)]), [0x00, 0x00, 0x80, 0x3F])  // 1.0f little-endian
    }

    /// A file written by hand per the spec (as other tools write it: unpadded header, metadata first).
    func testReadsHandWrittenFile() throws {
        let header = #"{"__metadata__":{"format":"pt"},"w":{"dtype":"F32","shape":[2,1],"data_offsets":[0,8]}}"#
        var bytes = [UInt8](repeating: 0, count: 8)
        let length = header.utf8.count
        for i in 0..<8 { bytes[i] = UInt8((length >> (8 * i)) & 0xFF) }
        bytes += Array(header.utf8)
        bytes += [0x00, 0x00, 0x00, 0x40, 0x00, 0x00, 0x40, 0xC0]  // 2.0, −3.0
        let (tensors, metadata) = try SafeTensors.deserialize(Data(bytes))
        XCTAssertEqual(metadata["format"], "pt")
        XCTAssertEqual(tensors["w"]?.shape, [2, 1])
        XCTAssertEqual(tensors["w"]?.scalars, [2, -3])
    }

    func testErrorsNameTheTensor() throws {
        let data = try SafeTensors.serialize([("enc.w", randomTensor([4, 4], seed: 2)), ("enc.b", randomTensor([4], seed: 3))])
        XCTAssertThrowsError(try SafeTensors.deserialize(data.prefix(data.count - 3))) { error in
            XCTAssertEqual(error as? TensorFileError, .truncatedFile(byteCount: data.count - 3, needed: data.count, tensor: "enc.b"))
            XCTAssertTrue("\(error)".contains("enc.b"))
        }
        XCTAssertThrowsError(try SafeTensors.deserialize(data.prefix(5)))
        XCTAssertThrowsError(try SafeTensors.deserialize(data.prefix(20)))
        let f16 = #"{"h":{"dtype":"F16","shape":[1],"data_offsets":[0,2]}}"#
        var bytes = [UInt8](repeating: 0, count: 8)
        bytes[0] = UInt8(f16.utf8.count)
        bytes += Array(f16.utf8) + [0, 0]
        XCTAssertThrowsError(try SafeTensors.deserialize(Data(bytes))) {
            XCTAssertEqual($0 as? TensorFileError, .unsupportedDType(name: "h", dtype: "F16"))
        }
    }

    func testLoadIntoLayer() throws {
        var rng = TensorRNG(seed: 4)
        let source = MLP([3, 4, 2], rng: &rng)
        let target = MLP([3, 4, 2], rng: &rng)
        let blob = try SafeTensors.serialize(source.namedParameters(prefix: "obs."), metadata: ["arch": "mlp"])
        let loaded = try SafeTensors.deserialize(blob).tensors
        try target.loadParameters(from: loaded, prefix: "obs.", strict: true)
        XCTAssertEqual(target.parameterTensors.map(\.scalars), source.parameterTensors.map(\.scalars))

        var missing = loaded
        missing["obs.l1.bias"] = nil
        XCTAssertThrowsError(try target.loadParameters(from: missing, prefix: "obs.")) {
            XCTAssertEqual($0 as? TensorFileError, .missingTensor(name: "obs.l1.bias"))
            XCTAssertTrue("\($0)".contains("obs.l1.bias"))
        }
        var wrong = loaded
        wrong["obs.l0.weight"] = Tensor.zeros([3, 4])
        XCTAssertThrowsError(try target.loadParameters(from: wrong, prefix: "obs.")) {
            XCTAssertEqual($0 as? TensorFileError, .shapeMismatch(name: "obs.l0.weight", expected: [4, 3], found: [3, 4]))
        }
        var extra = loaded
        extra["obs.l9.weight"] = Tensor.zeros([1])
        XCTAssertThrowsError(try target.loadParameters(from: extra, prefix: "obs.", strict: true))
        XCTAssertNoThrow(try target.loadParameters(from: extra, prefix: "obs."))
    }
}
