import PKData
import PKSim

/// The plugin registry (DESIGN §4): every prior, covariate adapter and decoder by kind and stable id, each
/// with a version, a summary and where it came from. Built-ins are registered by `Registry.standard()`;
/// manifests (TOML, `Manifest`) register more at runtime through the loader of their kind
/// (`manifestLoaders`, the extension point for new kinds such as decoders). Registering an id that the
/// kind already has is an error, never an overwrite.
///
/// Adding a kind (e.g. decoders): register built-ins with `register(Entry(kind: .decoder, id: "gaussian",
/// version: …, summary: …, source: .builtin, payload: factory))` (in `standard()` or after it), and make
/// manifests of the kind loadable with `manifestLoaders[.decoder] = { manifest, registry in … }`, a loader
/// that reads `manifest.values`, reports unknown keys with `manifest.error(key, message)` and returns the
/// entry. Consumers read entries back with `entry(.decoder, id)?.payload as? DecoderFactory`.
public struct Registry: Sendable {
    /// Version recorded for built-in plugins.
    public static let builtinVersion = "1.0.0"

    var entries: [Kind: [String: Entry]] = [:]
    /// How each kind's manifests become entries. `standard()` installs prior and covariate-adapter loaders;
    /// add one for another kind (e.g. `.decoder`) to make its manifests loadable.
    public var manifestLoaders: [Kind: ManifestLoader] = [:]

    /// An empty registry with the prior and covariate-adapter manifest loaders (no plugins).
    public init() {
        manifestLoaders[.prior] = Registry.loadPriorManifest
        manifestLoaders[.covariateAdapter] = Registry.loadAdapterManifest
    }

    /// The built-in priors (PKSim `BuiltinPriors`, plus the built-in mix) and covariate adapters.
    public static func standard() -> Registry {
        var r = Registry()
        for a in BuiltinPriors.adapters {
            try! r.register(Entry(kind: .covariateAdapter, id: a.id, version: builtinVersion,
                                  summary: "body weight, allometric exponents 0.75 (clearances) and 1 (volumes)",
                                  source: .builtin, payload: a))
        }
        for c in BuiltinPriors.configs {
            try! r.register(Entry(kind: .prior, id: c.id, version: builtinVersion, summary: c.summary, source: .builtin,
                                  payload: BuiltinPriors.prior(config: c)))
        }
        let mix = BuiltinPriors.compartmentMix
        try! r.register(Entry(kind: .prior, id: mix.id, version: builtinVersion, summary: mix.summary, source: .builtin, payload: mix))
        return r
    }

    /// Adds an entry; throws `RegistryError.duplicate` when its kind already has this id.
    public mutating func register(_ entry: Entry) throws {
        if let existing = entries[entry.kind]?[entry.id] {
            throw RegistryError.duplicate(kind: entry.kind, id: entry.id, existing: existing.source, new: entry.source)
        }
        guard !entry.id.isEmpty, !entry.id.contains("+"), !entry.id.contains(where: { $0 == " " }) else {
            throw RegistryError.invalidID(kind: entry.kind, id: entry.id)
        }
        entries[entry.kind, default: [:]][entry.id] = entry
    }

    public func entry(_ kind: Kind, _ id: String) -> Entry? { entries[kind]?[id] }

    /// The entries of a kind, sorted by id.
    public func entries(_ kind: Kind) -> [Entry] { (entries[kind] ?? [:]).values.sorted { $0.id < $1.id } }

    /// Every kind that has entries or a manifest loader, sorted.
    public var kinds: [Kind] { Set(entries.keys).union(manifestLoaders.keys).sorted { $0.rawValue < $1.rawValue } }
}
