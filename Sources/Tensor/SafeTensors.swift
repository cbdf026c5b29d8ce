import Foundation

/// The safetensors format (https://github.com/huggingface/safetensors), float32 only:
/// 8-byte little-endian header length N, N bytes of JSON
/// `{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ..., "__metadata__": {...}}`
/// (padded with spaces to a multiple of 8), then the little-endian data, offsets relative to its start.
public enum SafeTensors {
    public static func save(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:], to url: URL) throws {
        try serialize(tensors, metadata: metadata).write(to: url, options: .atomic)
    }

    public static func load(from url: URL) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        try deserialize(Data(contentsOf: url))
    }

    public static func serialize(_ tensors: [(name: String, tensor: Tensor)], metadata: [String: String] = [:]) throws -> Data {
        var header = "{"
        var entries: [String] = []
        if !metadata.isEmpty {
            let items = metadata.keys.sorted().map { "\(jsonString($0)):\(jsonString(metadata[$0]!))" }
            entries.append("\"__metadata__\":{\(items.joined(separator: ","))}")
        }
        var offset = 0
        var seen = Set<String>()
        for (name, t) in tensors {
            guard seen.insert(name).inserted else { throw TensorFileError.invalidHeader("duplicate tensor name '\(name)'") }
            guard name != "__metadata__" else { throw TensorFileError.invalidHeader("'__metadata__' is reserved") }
            let bytes = t.count * 4
            entries.append("\(jsonString(name)):{\"dtype\":\"F32\",\"shape\":[\(t.shape.map(String.init).joined(separator: ","))],\"data_offsets\":[\(offset),\(offset + bytes)]}")
            offset += bytes
        }
        header += entries.joined(separator: ",") + "}"
        var headerBytes = Array(header.utf8)
        while headerBytes.count % 8 != 0 { headerBytes.append(0x20) }
        var data = Data(capacity: 8 + headerBytes.count + offset)
        var n = UInt64(headerBytes.count).littleEndian
        withUnsafeBytes(of: &n) { data.append(contentsOf: $0) }
        data.append(contentsOf: headerBytes)
        for (_, t) in tensors {
            t.data.withUnsafeBufferPointer { p in
                // x86-64 and arm64 are little-endian; convert explicitly elsewhere.
                if UInt32(1).littleEndian == 1 {
                    data.append(UnsafeBufferPointer(start: UnsafeRawPointer(p.baseAddress!).assumingMemoryBound(to: UInt8.self), count: p.count * 4))
                } else {
                    for v in p { var b = v.bitPattern.littleEndian; withUnsafeBytes(of: &b) { data.append(contentsOf: $0) } }
                }
            }
        }
        return data
    }

    public static func deserialize(_ data: Data) throws -> (tensors: [String: Tensor], metadata: [String: String]) {
        let bytes = [UInt8](data)
        guard bytes.count >= 8 else { throw TensorFileError.truncatedFile(byteCount: bytes.count, needed: 8, tensor: nil) }
        var headerLength: UInt64 = 0
        for i in 0..<8 { headerLength |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        guard headerLength <= UInt64(bytes.count - 8) else {
            throw TensorFileError.truncatedFile(byteCount: bytes.count, needed: 8 + Int(clamping: headerLength), tensor: nil)
        }
        let dataStart = 8 + Int(headerLength)
        let json: Any
        do {
            json = try JSONSerialization.jsonObject(with: Data(bytes[8..<dataStart]))
        } catch {
            throw TensorFileError.invalidHeader("not JSON (\(error.localizedDescription))")
        }
        guard let object = json as? [String: Any] else { throw TensorFileError.invalidHeader("not a JSON object") }
        var metadata: [String: String] = [:]
        var tensors: [String: Tensor] = [:]
        for (name, value) in object {
            if name == "__metadata__" {
                guard let dict = value as? [String: Any] else { throw TensorFileError.invalidHeader("__metadata__ is not an object") }
                for (k, v) in dict {
                    guard let s = v as? String else { throw TensorFileError.invalidHeader("__metadata__ value of '\(k)' is not a string") }
                    metadata[k] = s
                }
                continue
            }
            guard let entry = value as? [String: Any] else { throw TensorFileError.invalidHeader("entry '\(name)' is not an object") }
            guard let dtype = entry["dtype"] as? String else { throw TensorFileError.invalidHeader("tensor '\(name)' has no dtype") }
            guard dtype == "F32" else { throw TensorFileError.unsupportedDType(name: name, dtype: dtype) }
            guard let shapeValues = entry["shape"] as? [Any], let shape = intArray(shapeValues), shape.allSatisfy({ $0 >= 0 }) else {
                throw TensorFileError.invalidHeader("tensor '\(name)' has no valid shape")
            }
            guard let offsetValues = entry["data_offsets"] as? [Any], let offsets = intArray(offsetValues), offsets.count == 2 else {
                throw TensorFileError.invalidHeader("tensor '\(name)' has no valid data_offsets")
            }
            let begin = offsets[0], end = offsets[1]
            let count = shape.reduce(1, *)
            guard begin >= 0, end >= begin, end - begin == count * 4 else {
                throw TensorFileError.badOffsets(name: name, detail: "[\(begin), \(end)] for shape \(shape) (needs \(count * 4) bytes)")
            }
            guard dataStart + end <= bytes.count else {
                throw TensorFileError.truncatedFile(byteCount: bytes.count, needed: dataStart + end, tensor: name)
            }
            var values = [Float](repeating: 0, count: count)
            for i in 0..<count {
                let o = dataStart + begin + 4 * i
                let bits = UInt32(bytes[o]) | UInt32(bytes[o + 1]) << 8 | UInt32(bytes[o + 2]) << 16 | UInt32(bytes[o + 3]) << 24
                values[i] = Float(bitPattern: bits)
            }
            tensors[name] = Tensor(shape: shape, scalars: values)
        }
        return (tensors, metadata)
    }

    private static func intArray(_ values: [Any]) -> [Int]? {
        var out: [Int] = []
        for v in values {
            if let n = v as? NSNumber, n.doubleValue == n.doubleValue.rounded() { out.append(n.intValue) } else { return nil }
        }
        return out
    }

    private static func jsonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
