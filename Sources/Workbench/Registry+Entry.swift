extension Registry {
    /// A plugin kind: a stable string, open for extension (`Registry.Kind("my-kind")`).
    public struct Kind: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        public var rawValue: String
        public init(rawValue: String) { self.rawValue = rawValue }
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        public static let prior = Kind("prior")
        public static let covariateAdapter = Kind("covariate-adapter")
        public static let decoder = Kind("decoder")
    }

    /// Where a plugin came from.
    public enum Source: Hashable, Sendable, CustomStringConvertible {
        case builtin
        /// A manifest file (its path).
        case file(String)
        /// Derived in a session (`prior derive`) or stored in the workspace.
        case derived(from: String)

        public var description: String {
            switch self {
            case .builtin: return "built-in"
            case .file(let path): return path
            case .derived(let base): return "derived from \(base)"
            }
        }
    }

    /// One registered plugin. `payload` is the plugin value: `any Prior` for priors, `any CovariateAdapter`
    /// for adapters; other kinds store what their consumers expect (e.g. a decoder factory) and read it back
    /// with `payload as? T`.
    public struct Entry: Sendable {
        public var kind: Kind
        public var id: String
        public var version: String
        public var summary: String
        public var source: Source
        public var payload: any Sendable
        /// The manifest it was loaded from (nil for built-ins).
        public var manifest: Manifest?

        public init(kind: Kind, id: String, version: String, summary: String, source: Source,
                    payload: any Sendable, manifest: Manifest? = nil) {
            self.kind = kind; self.id = id; self.version = version; self.summary = summary
            self.source = source; self.payload = payload; self.manifest = manifest
        }
    }
}
