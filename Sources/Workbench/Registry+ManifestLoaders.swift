import PKData
import PKSim

extension Registry {
    /// Prior manifests. `family = "structural"` (default): start from `base` (a registered structural prior
    /// id; default: the reference configuration of aicmet-model.md §1), then apply every other key as a
    /// `PriorConfig` key. `family = "mix"`: `components` (registered prior ids) and `weights`.
    public static let loadPriorManifest: ManifestLoader = { m, registry in
        let family = try m.text("family") ?? "structural"
        switch family {
        case "structural":
            var c = PriorConfig(id: m.id, summary: m.summary)
            if let base = try m.text("base") {
                do { c = try registry.priorConfig(base) }
                catch { throw m.error("base", "'\(base)' is not a registered structural prior",
                                      hint: "known: " + registry.entries(.prior).map(\.id).joined(separator: ", ")) }
            }
            for (k, v) in m.values(excluding: ["family", "base"]) {
                do { try c.set(k, v) } catch let e as ConfigError { throw m.error(e) }
            }
            do { try c.validate() } catch let e as ConfigError { throw m.error(e) }
            c.id = m.id
            if !m.summary.isEmpty { c.summary = m.summary } else if c.summary.isEmpty { c.summary = "prior from \(m.file)" }
            var adapters: [any CovariateAdapter] = []
            for a in c.adapters {
                guard let adapter = try? registry.adapter(a) else {
                    throw m.error("adapters", "unknown covariate adapter '\(a)'",
                                  hint: "registered: " + registry.entries(.covariateAdapter).map(\.id).joined(separator: ", "))
                }
                adapters.append(adapter)
            }
            let prior = StructuralPrior(config: c, adapters: adapters)
            if let problem = prior.usabilityProblem() { throw m.error(nil, problem) }
            return Entry(kind: .prior, id: m.id, version: m.version, summary: c.summary, source: .file(m.file), payload: prior)
        case "mix":
            for (k, _) in m.values(excluding: ["family", "components", "weights"]) {
                throw m.error(k, "unknown key for a prior mix", hint: "known keys: family, components, weights")
            }
            guard case .texts(let ids)? = m.value("components"), !ids.isEmpty else {
                throw m.error("components", "expected a non-empty list of prior ids")
            }
            var weights = [Double](repeating: 1, count: ids.count)
            if let w = m.value("weights") {
                guard case .numbers(let ws) = w, ws.count == ids.count, ws.allSatisfy({ $0 >= 0 && $0.isFinite }), ws.contains(where: { $0 > 0 }) else {
                    throw m.error("weights", "expected \(ids.count) non-negative numbers, not all zero, got \(w)")
                }
                weights = ws
            }
            var components: [PriorMix.Component] = []
            for (id, w) in zip(ids, weights) {
                guard let p = try? registry.prior(id) else {
                    throw m.error("components", "unknown prior '\(id)'", hint: "known: " + registry.entries(.prior).map(\.id).joined(separator: ", "))
                }
                components.append(PriorMix.Component(prior: p, weight: w))
            }
            let mix = PriorMix(id: m.id, summary: m.summary.isEmpty ? nil : m.summary, components: components)
            return Entry(kind: .prior, id: m.id, version: m.version, summary: mix.summary, source: .file(m.file), payload: mix)
        default:
            throw m.error("family", "'\(family)' is not a prior family", hint: "structural or mix")
        }
    }

    /// Covariate-adapter manifests: `family` (weight-allometric, power, categorical) and the family's keys.
    public static let loadAdapterManifest: ManifestLoader = { m, _ in
        guard let name = try m.text("family") else {
            throw m.error("family", "missing", hint: "one of " + CovariateAdapterFamily.allCases.map(\.rawValue).joined(separator: ", "))
        }
        guard let family = CovariateAdapterFamily(rawValue: name) else {
            throw m.error("family", "'\(name)' is not an adapter family",
                          hint: "one of " + CovariateAdapterFamily.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let adapter: any CovariateAdapter
        do { adapter = try family.make(id: m.id, values: m.values(excluding: ["family"])) }
        catch let e as ConfigError { throw m.error(e) }
        let summary = m.summary.isEmpty ? "\(family.rawValue) adapter on \(adapter.covariateNames.joined(separator: ", "))" : m.summary
        return Entry(kind: .covariateAdapter, id: m.id, version: m.version, summary: summary, source: .file(m.file), payload: adapter)
    }
}
