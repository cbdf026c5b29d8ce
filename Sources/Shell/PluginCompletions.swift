import Workbench

/// Tab completions of plugin ids from the session's registry.
enum PluginCompletions {
    static let priors = Completion.dynamic { session in ((try? session.registry())?.entries(.prior).map(\.id)) ?? [] }
    static let adapters = Completion.dynamic { session in ((try? session.registry())?.entries(.covariateAdapter).map(\.id)) ?? [] }
    static let all = Completion.dynamic { session in
        guard let r = try? session.registry() else { return [] }
        return r.kinds.flatMap { r.entries($0).map(\.id) }
    }
    static let kinds = Completion.dynamic { session in ((try? session.registry())?.kinds.map(\.rawValue)) ?? [] }
}
