import ArgumentParser
import PKSim

/// The built-in covariate adapters with these ids, in order; an unknown id is a usage error naming the known ones.
func builtinAdapters(_ ids: [String]) throws -> [any CovariateAdapter] {
    try ids.map { id in
        guard let adapter = BuiltinPriors.adapters.first(where: { $0.id == id }) else {
            throw ValidationError("unknown covariate adapter '\(id)'; built-in: \(BuiltinPriors.adapters.map(\.id).joined(separator: ", "))")
        }
        return adapter
    }
}
