import PKData
import PKSim

extension Registry {
    /// A covariate adapter by id.
    public func adapter(_ id: String) throws -> any CovariateAdapter {
        guard let e = entry(.covariateAdapter, id), let a = e.payload as? any CovariateAdapter else {
            throw RegistryError.unknown(kind: .covariateAdapter, id: id, known: entries(.covariateAdapter).map(\.id))
        }
        return a
    }

    /// A prior by id. Besides registered ids, compositions "BASE+PART+…" resolve when BASE is a structural
    /// prior and each PART is a modifier (`BuiltinPriors.modifiers`: metabolite, single-oral, single-iv,
    /// infusion, multiple-dose, sparse, lag, noisy) or a registered covariate adapter id (added to every study).
    public func prior(_ id: String) throws -> any Prior {
        if let e = entry(.prior, id), let p = e.payload as? any Prior { return p }
        let c = try priorConfig(id)
        return StructuralPrior(config: c, adapters: try c.adapters.map { try adapter($0) })
    }

    /// The configuration of a structural prior (registered or composed); throws for mixes and unknown ids.
    public func priorConfig(_ id: String) throws -> PriorConfig {
        if let e = entry(.prior, id) {
            guard let s = e.payload as? StructuralPrior else { throw RegistryError.notStructural(id: id) }
            return s.config
        }
        let parts = id.split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        guard parts.count > 1, let baseEntry = entry(.prior, parts[0]) else {
            throw RegistryError.unknown(kind: .prior, id: parts[0], known: entries(.prior).map(\.id))
        }
        guard let base = baseEntry.payload as? StructuralPrior else { throw RegistryError.notStructural(id: parts[0]) }
        var c = base.config
        for part in parts.dropFirst() {
            if let m = BuiltinPriors.modifiers[part] {
                m.apply(&c)
            } else if entry(.covariateAdapter, part) != nil {
                if !c.adapters.contains(part) { c.adapters.append(part) }
                c.covariateProbability = 1
            } else {
                let known = BuiltinPriors.modifiers.keys.sorted() + entries(.covariateAdapter).map(\.id)
                throw RegistryError.notComposable(id: id, part: part, hint: "not a modifier or adapter; known: \(known.joined(separator: ", "))")
            }
        }
        c.id = id
        c.summary = base.config.summary + " + " + parts.dropFirst().joined(separator: " + ")
        return c
    }

    /// Registers a customised structural prior: `base`'s configuration with `settings` applied
    /// (`KEY=VALUE` pairs, values parsed by `ConfigValue.parse`). Errors name the key.
    @discardableResult
    public mutating func derivePrior(id newID: String, from base: String, settings: [(key: String, value: String)],
                                     summary: String? = nil) throws -> Entry {
        var c = try priorConfig(base)
        let origin = "prior derive \(newID)"
        for (k, v) in settings {
            do { try c.set(k, ConfigValue.parse(v)) }
            catch let e as ConfigError { throw ManifestError(file: origin, key: e.key, message: e.message) }
        }
        do { try c.validate() } catch let e as ConfigError { throw ManifestError(file: origin, key: e.key, message: e.message) }
        c.id = newID
        c.summary = summary ?? "\(base) with " + settings.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        let adapters = try c.adapters.map { id -> any CovariateAdapter in
            do { return try adapter(id) } catch {
                throw ManifestError(file: origin, key: "adapters", message: "unknown covariate adapter '\(id)'",
                                    hint: "registered: " + entries(.covariateAdapter).map(\.id).joined(separator: ", "))
            }
        }
        let prior = StructuralPrior(config: c, adapters: adapters)
        if let problem = prior.usabilityProblem() { throw ManifestError(file: origin, message: problem) }
        let e = Entry(kind: .prior, id: newID, version: Registry.builtinVersion, summary: c.summary,
                      source: .derived(from: base), payload: prior)
        try register(e)
        return e
    }
}
