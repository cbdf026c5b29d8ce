import Foundation
import PKSim
import TOMLKit

extension Manifest {
    /// Parses TOML text. Errors: TOML syntax (with line and column), a missing or non-text metadata key,
    /// nested tables, mixed or nested arrays, dates.
    public static func parse(toml text: String, file: String) throws -> Manifest {
        let table: TOMLTable
        do { table = try TOMLTable(string: text) }
        catch let e as TOMLParseError {
            throw ManifestError(file: file, message: "TOML syntax error: \(e.description) at line \(e.source.begin.line), column \(e.source.begin.column)")
        }
        var meta: [String: String] = [:]
        var values: [(key: String, value: ConfigValue)] = []
        for key in table.keys {
            guard let node = table[key] else { continue }
            let value = try configValue(node, key: key, file: file)
            if metadataKeys.contains(key) {
                guard case .text(let s) = value, !s.isEmpty else {
                    throw ManifestError(file: file, key: key, message: "expected a non-empty string, got \(value)")
                }
                meta[key] = s
            } else {
                values.append((key, value))
            }
        }
        for required in ["kind", "id", "version"] where meta[required] == nil {
            throw ManifestError(file: file, key: required, message: "missing", hint: "every manifest sets kind, id and version")
        }
        return Manifest(file: file, kind: Registry.Kind(meta["kind"]!), id: meta["id"]!, version: meta["version"]!,
                        summary: meta["summary"] ?? "", values: values)
    }

    /// Reads and parses a manifest file.
    public static func load(path: String) throws -> Manifest {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) }
        catch { throw ManifestError(file: path, message: "cannot read the file: \(error.localizedDescription)") }
        return try parse(toml: text, file: path)
    }

    static func configValue(_ node: TOMLValueConvertible, key: String, file: String) throws -> ConfigValue {
        switch node.type {
        case .string: return .text(node.string!)
        case .int: return .number(Double(node.int!))
        case .double: return .number(node.double!)
        case .bool: return .flag(node.bool!)
        case .array:
            let items = Array(node.array!)
            if items.isEmpty { return .numbers([]) }
            if items.allSatisfy({ $0.type == .int || $0.type == .double }) {
                return .numbers(items.map { $0.type == .int ? Double($0.int!) : $0.double! })
            }
            if items.allSatisfy({ $0.type == .string }) { return .texts(items.map { $0.string! }) }
            throw ManifestError(file: file, key: key, message: "arrays must hold only numbers or only strings")
        case .table:
            throw ManifestError(file: file, key: key, message: "nested tables are not supported", hint: "write the keys at top level")
        default:
            throw ManifestError(file: file, key: key, message: "\(node.type) values are not supported")
        }
    }
}
