/// A configuration value as written in a manifest (TOML) or on a command line (`--set KEY=VALUE`).
public enum ConfigValue: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case numbers([Double])
    case text(String)
    case texts([String])
    case flag(Bool)

    public var description: String {
        switch self {
        case .number(let x): return ConfigValue.format(x)
        case .numbers(let xs): return "[" + xs.map(ConfigValue.format).joined(separator: ", ") + "]"
        case .text(let s): return "\"\(s)\""
        case .texts(let ss): return "[" + ss.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        case .flag(let b): return b ? "true" : "false"
        }
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }

    /// Parses a command-line value: "true"/"false", a number, a comma-separated list of numbers
    /// (optionally in brackets), else text (a comma-separated list of texts when it contains commas).
    public static func parse(_ raw: String) -> ConfigValue {
        var s = raw.trimmingCharacters(in: " ")
        if s == "true" { return .flag(true) }
        if s == "false" { return .flag(false) }
        if let x = Double(s) { return .number(x) }
        let bracketed = s.hasPrefix("[") && s.hasSuffix("]")
        if bracketed { s = String(s.dropFirst().dropLast()) }
        let parts = s.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: " ") }
        let numbers = parts.compactMap(Double.init)
        if numbers.count == parts.count && !parts.isEmpty && !(parts.count == 1 && parts[0].isEmpty) { return .numbers(numbers) }
        if bracketed && s.trimmingCharacters(in: " ").isEmpty { return .numbers([]) }
        if parts.count > 1 || bracketed { return .texts(parts.map { $0.trimmingCharacters(in: "\"") }) }
        return .text(s.trimmingCharacters(in: "\""))
    }
}

extension String {
    func trimmingCharacters(in set: Character) -> String {
        var s = Substring(self)
        while s.first == set { s = s.dropFirst() }
        while s.last == set { s = s.dropLast() }
        return String(s)
    }
}

/// An invalid configuration value: the key and what is wrong, with the accepted form.
public struct ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    public var key: String
    public var message: String
    public init(key: String, message: String) { self.key = key; self.message = message }
    public var description: String { "\(key): \(message)" }
}
