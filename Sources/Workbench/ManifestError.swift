/// A manifest that cannot be registered: the file (or command), the key when one is at fault, what is
/// wrong and a hint.
public struct ManifestError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var key: String?
    public var message: String
    public var hint: String?

    public init(file: String, key: String? = nil, message: String, hint: String? = nil) {
        self.file = file; self.key = key; self.message = message; self.hint = hint
    }

    public var description: String {
        var s = "\(file): "
        if let key { s += "key '\(key)': " }
        s += message
        if let hint { s += " (\(hint))" }
        return s
    }
}
