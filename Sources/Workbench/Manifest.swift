import PKSim

/// How a kind's manifest becomes a registry entry (given the registry as it is, to resolve references).
/// Throws `ManifestError`s naming the file and key.
public typealias ManifestLoader = @Sendable (Manifest, Registry) throws -> Registry.Entry

/// A parsed plugin manifest: the metadata keys every manifest has and the kind-specific keys in file
/// order. Format (TOML, one plugin per file; see plugins/README.md):
///
///     kind = "prior"            # prior | covariate-adapter | decoder | …
///     id = "three-compartment"  # stable id, unique within the kind
///     version = "1.0.0"
///     summary = "one line"      # optional
///     …                         # the keys of the kind (and family)
public struct Manifest: Sendable {
    /// The file path (or a label for text not read from a file).
    public var file: String
    public var kind: Registry.Kind
    public var id: String
    public var version: String
    public var summary: String
    /// Every other top-level key, in the order the file gives them.
    public var values: [(key: String, value: ConfigValue)]

    public static let metadataKeys = ["kind", "id", "version", "summary"]

    public init(file: String, kind: Registry.Kind, id: String, version: String, summary: String,
                values: [(key: String, value: ConfigValue)]) {
        self.file = file; self.kind = kind; self.id = id; self.version = version; self.summary = summary; self.values = values
    }

    public func value(_ key: String) -> ConfigValue? { values.first { $0.key == key }?.value }

    /// A text value of a key, or nil when absent; an error naming the key when it is not text.
    public func text(_ key: String) throws -> String? {
        guard let v = value(key) else { return nil }
        guard case .text(let s) = v else { throw error(key, "expected a string, got \(v)") }
        return s
    }

    /// The values without the given keys (those the loader consumed itself).
    public func values(excluding keys: Set<String>) -> [(key: String, value: ConfigValue)] {
        values.filter { !keys.contains($0.key) }
    }

    public func error(_ key: String?, _ message: String, hint: String? = nil) -> ManifestError {
        ManifestError(file: file, key: key, message: message, hint: hint)
    }

    /// Rewraps a `ConfigError` from a plugin's own validation with this manifest's file.
    public func error(_ e: ConfigError) -> ManifestError { error(e.key, e.message) }
}
