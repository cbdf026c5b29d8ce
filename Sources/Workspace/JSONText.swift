import Foundation

/// JSON stored in TEXT columns: sorted keys, so equal values give equal text.
enum JSONText {
    static func encode<T: Encodable>(_ value: T) throws -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return String(decoding: try e.encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw WorkspaceError("cannot decode stored \(T.self) JSON: \(error)", hint: "the workspace file may be damaged")
        }
    }
}
