import AICMET
import Foundation
import PKSim

/// Plugin resolution for models: priors and covariate adapters by id through the session's plugin
/// registry (`registry()`: built-ins, manifests, workspace priors, `plugin load`), and the plugin list a
/// saved model records.
extension Session {
    /// One plugin a saved model needs: its kind, stable id and version (stored as JSON in `models.plugins`).
    public struct ModelPlugin: Codable, Hashable, Sendable {
        public var kind: String
        public var id: String
        public var version: String
    }

    /// The registry models resolve plugins in (the session's; the built-ins alone if it cannot be built).
    var modelRegistry: Registry { (try? registry()) ?? Registry.standard() }

    /// The prior `id` (a registered id or a composition `base+part…`), or an error listing the known priors.
    func resolvePrior(_ id: String) throws -> any Prior {
        do { return try modelRegistry.prior(id) } catch {
            let known = modelRegistry.entries(.prior).map(\.id)
            let hint = EditDistance.suggestions(for: id, among: known).first.map { "did you mean '\($0)'?" }
                ?? "known priors: \(known.joined(separator: ", ")); compose with '+', e.g. two-compartment+metabolite"
            throw WorkbenchError("\(error)", hint: hint)
        }
    }

    /// The covariate adapters `ids`, in order.
    func resolveAdapters(_ ids: [String]) throws -> [any CovariateAdapter] {
        let registry = modelRegistry
        return try ids.map { id in
            do { return try registry.adapter(id) } catch {
                let known = registry.entries(.covariateAdapter).map(\.id)
                throw WorkbenchError("unknown covariate adapter '\(id)'",
                                     hint: "known adapters: \(known.joined(separator: ", "))")
            }
        }
    }

    /// The plugins of `spec` with their registry versions (composition parts each listed).
    func plugins(of spec: VariantSpec) -> [ModelPlugin] {
        let registry = modelRegistry
        var out: [ModelPlugin] = []
        let priorParts = registry.entry(.prior, spec.prior) != nil ? [spec.prior] : spec.prior.split(separator: "+").map(String.init)
        for part in priorParts {
            let kind = registry.entry(.covariateAdapter, part) != nil && registry.entry(.prior, part) == nil ? "covariate-adapter" : "prior"
            let version = registry.entry(.prior, part)?.version ?? registry.entry(.covariateAdapter, part)?.version ?? Registry.builtinVersion
            out.append(ModelPlugin(kind: part == priorParts[0] ? "prior" : (kind == "prior" ? "prior-modifier" : kind), id: part, version: version))
        }
        out.append(ModelPlugin(kind: "decoder", id: spec.decoder.description, version: Registry.builtinVersion))
        for id in spec.adapters {
            out.append(ModelPlugin(kind: "covariate-adapter", id: id, version: registry.entry(.covariateAdapter, id)?.version ?? "unknown"))
        }
        return out
    }

    static func pluginsJSON(_ plugins: [ModelPlugin]) -> String {
        let encoder = JSONEncoder(); encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try! encoder.encode(plugins), as: UTF8.self)
    }
}
