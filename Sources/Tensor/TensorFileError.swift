/// Errors reading or applying saved tensors; each names the tensor (or header field) involved.
public enum TensorFileError: Error, Equatable, CustomStringConvertible {
    case truncatedFile(byteCount: Int, needed: Int, tensor: String?)
    case invalidHeader(String)
    case unsupportedDType(name: String, dtype: String)
    case badOffsets(name: String, detail: String)
    case missingTensor(name: String)
    case shapeMismatch(name: String, expected: [Int], found: [Int])
    case unexpectedTensors(names: [String])

    public var description: String {
        switch self {
        case let .truncatedFile(count, needed, tensor):
            let which = tensor.map { " (tensor '\($0)')" } ?? ""
            return "safetensors file is truncated: \(count) bytes, \(needed) needed\(which); re-save or re-download the file"
        case let .invalidHeader(detail):
            return "safetensors header is invalid: \(detail)"
        case let .unsupportedDType(name, dtype):
            return "tensor '\(name)' has dtype \(dtype); only F32 is supported"
        case let .badOffsets(name, detail):
            return "tensor '\(name)' has bad data_offsets: \(detail)"
        case let .missingTensor(name):
            return "tensor '\(name)' is missing from the file; was it saved by a different architecture?"
        case let .shapeMismatch(name, expected, found):
            return "tensor '\(name)' has shape \(found) but the model expects \(expected); check the architecture spec"
        case let .unexpectedTensors(names):
            return "the file has tensors the model does not use: \(names.joined(separator: ", "))"
        }
    }
}
