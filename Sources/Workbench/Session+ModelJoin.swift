import AICMET
import Foundation

/// `model join NEW A B …`: an ensemble of saved models (`AICMETModel.joining`).
extension Session {
    /// Saves the ensemble of `members` (≥ 2 saved models of one architecture and, unless `mixedPriors`, one
    /// prior; ensembles among them are unpacked) as model `name`. Its spec is the first member's without the
    /// spreads measured for a single member; the members are not changed.
    public func modelJoin(name: String, members: [String], mixedPriors: Bool = false) throws -> CommandResult {
        try Session.validateModelName(name)
        if try wrap({ try workspace.models.load(named: name) }) != nil {
            throw WorkbenchError("model '\(name)' already exists", hint: "choose another name, or `model delete \(name)` first")
        }
        guard members.count >= 2 else {
            throw WorkbenchError("an ensemble needs at least two models; got \(members.count)", hint: "e.g. `model join \(name) a b`")
        }
        let loaded = try members.map { try loadModel($0) }
        let ensemble: AICMETModel
        do { ensemble = try AICMETModel.joining(loaded.map(\.model), name: name, mixedPriors: mixedPriors) } catch {
            throw WorkbenchError("cannot join \(members.joined(separator: ", ")): \(error)",
                                 hint: "members must share the decoder, covariates, size and feature options, and the prior unless --mixed-priors")
        }
        let spec = ensemble.spec
        let blob = try wrapModel {
            try Checkpoint(spec: spec, config: nil, state: .joined(loaded.map(\.checkpoint.state)), weights: ensemble.namedParameters).serialize()
        }
        _ = try wrap {
            try workspace.models.save(name: name, spec: spec.json(), plugins: Session.pluginsJSON(plugins(of: spec)), weights: blob,
                                      metrics: ModelProvenance(origin: "model join \(members.joined(separator: " "))").json())
        }
        return .text("joined \(members.joined(separator: ", ")) into \(name): an ensemble of \(spec.memberCount) networks, "
                     + "\(ensemble.parameterCount) parameters; forecasts pool the members' draws equally")
    }
}
