import Foundation
import Evaluation
import PKData
import PKSim

/// `prior list|show|derive|export|plot`.
extension Session {
    /// The prior `id` (registered or composed), or an error with a suggestion.
    public func requirePrior(_ id: String) throws -> any Prior {
        let r = try registry()
        do { return try r.prior(id) } catch let e as RegistryError {
            let ids = r.entries(.prior).map(\.id)
            let hint = EditDistance.suggestions(for: id, among: ids).first.map { "did you mean '\($0)'?" }
                ?? "`prior list` shows the priors; compose with +metabolite, +multiple-dose, +ADAPTER, …"
            throw WorkbenchError(e.description, hint: hint)
        }
    }

    /// One study from `prior`, or an error when it rejects every draw (instead of stopping the session).
    func sampleStudy(_ prior: any Prior, subjects: Int, rng: inout SeededGenerator) throws -> Study {
        switch prior {
        case let s as StructuralPrior:
            guard let study = s.sampleStudy(subjects: subjects, rng: &rng, maxAttempts: StructuralPrior.maxAttempts) else {
                throw WorkbenchError("prior '\(s.id)' rejected \(StructuralPrior.maxAttempts) simulated studies in a row",
                                     hint: "check its ranges with `prior show \(s.id)` (max_concentration, min_peak, lloq_fraction)")
            }
            return study
        case let mix as PriorMix:
            let k = rng.pick(mix.components.map(\.weight))      // the same draw as PriorMix.sampleStudy
            return try sampleStudy(mix.components[k].prior, subjects: subjects, rng: &rng)
        default:
            return prior.sampleStudy(subjects: subjects, rng: &rng)
        }
    }

    /// `prior list`: the registered priors (compositions BASE+PART are priors too).
    public func priorList() throws -> CommandResult {
        let r = try registry()
        var t = Table(columns: ["id", "version", "source", "summary"])
        for e in r.entries(.prior) { t.append([.text(e.id), .text(e.version), .text(e.source.description), .text(e.summary)]) }
        let parts = BuiltinPriors.modifiers.keys.sorted() + r.entries(.covariateAdapter).map(\.id)
        return CommandResult(takeRegistryNotes() + [.table(t), .text("compose: ID+PART with PART in " + parts.joined(separator: ", "))])
    }

    /// `prior show ID`: every configuration key of a structural prior, or the components of a mix.
    public func priorShow(_ id: String) throws -> CommandResult {
        let prior = try requirePrior(id)
        if let mix = prior as? PriorMix {
            var t = Table(title: "\(id): \(mix.summary)", columns: ["component", "weight"])
            for c in mix.components { t.append([.text(c.prior.id), .number(c.weight)]) }
            return CommandResult(takeRegistryNotes() + [.table(t)])
        }
        guard let s = prior as? StructuralPrior else {
            return CommandResult(takeRegistryNotes() + [.text("\(id): \(prior.summary)")])
        }
        var t = Table(title: "\(id): \(s.summary)", columns: ["key", "value", "meaning"])
        for k in PriorConfig.keys { t.append([.text(k.name), .text(k.value(s.config).description), .text(k.help)]) }
        return CommandResult(takeRegistryNotes() + [.table(t)])
    }

    /// `prior derive NEW --from ID --set KEY=VALUE…`: a customised structural prior, saved in the workspace
    /// (as a manifest) and usable wherever a prior id is.
    public func priorDerive(_ newID: String, from base: String, settings: [String]) throws -> CommandResult {
        var r = try registry()
        var pairs: [(key: String, value: String)] = []
        for s in settings {
            guard let eq = s.firstIndex(of: "="), eq != s.startIndex else {
                throw WorkbenchError("--set '\(s)' is not KEY=VALUE", hint: "e.g. --set log_ka=-1,1 (`prior show \(base)` lists the keys)")
            }
            pairs.append((String(s[..<eq]), String(s[s.index(after: eq)...])))
        }
        if let stored = try wrap({ try workspace.priors.load(id: newID) }) {
            throw WorkbenchError("prior '\(stored.id)' already exists in the workspace", hint: "choose another id")
        }
        do { try r.derivePrior(id: newID, from: base, settings: pairs) }
        catch let e as ManifestError {
            throw WorkbenchError("prior '\(newID)': " + (e.key.map { "key '\($0)': " } ?? "") + e.message,
                                 hint: e.hint ?? "`prior show \(base)` lists the keys and their ranges")
        } catch let e as RegistryError {
            throw WorkbenchError(e.description, hint: "`prior list` shows the priors")
        }
        let manifest = try r.exportPriorManifest(newID).tomlText
        try wrap { _ = try workspace.priors.save(id: newID, manifest: manifest) }
        setRegistry(r)
        return CommandResult(takeRegistryNotes() + [.text("derived prior '\(newID)' from \(base) (saved in the workspace)")])
    }

    /// `prior export ID FILE [--as NEW]`: the prior as a standalone manifest file.
    public func priorExport(_ id: String, to file: String, as newID: String? = nil) throws -> CommandResult {
        let r = try registry()
        _ = try requirePrior(id)
        let manifest: Manifest
        do { manifest = try r.exportPriorManifest(id, as: newID) } catch {
            throw WorkbenchError("\(error)", hint: "export its components one by one")
        }
        do { try manifest.tomlText.write(to: url(for: file), atomically: true, encoding: .utf8) } catch {
            throw WorkbenchError("cannot write '\(file)': \(error.localizedDescription)", hint: "check that the directory exists and is writable")
        }
        return .text("exported prior '\(id)' as '\(manifest.id)' to \(file)")
    }

    /// `prior plot ID [--subjects N] [--log]`: the profiles of one simulated study (seed: the session's).
    public func priorPlot(_ id: String, subjects: Int = 8, log: Bool = false) throws -> CommandResult {
        let prior = try requirePrior(id)
        guard (1...100).contains(subjects) else { throw WorkbenchError("--subjects \(subjects) is out of range", hint: "use 1 to 100") }
        var rng = SeededGenerator(seed: seed)
        var study = try sampleStudy(prior, subjects: subjects, rng: &rng)
        study.name = "\(id) (seed \(seed))"
        var figure = PlotFigure.profiles(study: study, logY: log)
        figure.title = "\(id): one simulated study, seed \(seed)"
        return CommandResult(takeRegistryNotes() + [.plot(figure)])
    }
}
