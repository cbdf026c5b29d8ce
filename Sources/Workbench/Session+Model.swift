import AICMET
import Foundation
import PKSim
import Workspace

/// `model new|list|delete|use`.
extension Session {
    /// `model new NAME --prior ID --decoder gaussian|mixture:K [--covariates A,B] [--size tiny|small|base]
    /// [--relative-query-time] [--given-attention] [--study-conditioned] [--mechanistic [--mechanistic-release]] [--seed S]`: an untrained variant (weights initialised from the seed, default the
    /// session seed) saved in the workspace.
    /// Its spec records the prior's support (routes, doses, infusions), measured on studies sampled from it.
    public func modelNew(name: String, prior: String, decoder: String, covariates: [String] = [], size: String = "small",
                         relativeQueryTime: Bool = false, givenAttention: Bool = false, studyConditioned: Bool = false,
                         mechanistic: Bool = false, mechanisticRelease: Bool = false, seed: UInt64? = nil) throws -> CommandResult {
        try Session.validateModelName(name)
        if mechanisticRelease && !mechanistic {
            throw WorkbenchError("--mechanistic-release needs --mechanistic", hint: "the release duration D1 is a parameter of the compartmental mean: add --mechanistic")
        }
        if try wrap({ try workspace.models.load(named: name) }) != nil {
            throw WorkbenchError("model '\(name)' already exists", hint: "choose another name, or `model delete \(name)` first")
        }
        let decoderSpec: DecoderSpec
        do { decoderSpec = try DecoderSpec.parse(decoder) } catch {
            throw WorkbenchError("\(error)", hint: "e.g. --decoder gaussian or --decoder mixture:3")
        }
        guard let networkSize = NetworkSize.named(size) else {
            throw WorkbenchError("unknown size '\(size)'", hint: "use tiny, small or base")
        }
        let priorPlugin = try resolvePrior(prior)
        let adapterIDs = covariates.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let adapters = try resolveAdapters(adapterIDs)
        let seed = seed ?? self.seed
        try checkCancelled()
        var spec = VariantSpec(name: name, prior: prior, decoder: decoderSpec, adapters: adapterIDs,
                               covariates: adapters.flatMap(\.covariateNames), size: networkSize, outputs: 2,
                               support: PriorSupport.measure(priorPlugin, seed: seed))
        if relativeQueryTime { spec.relativeQueryTime = true }
        if givenAttention { spec.givenAttention = true }
        if studyConditioned { spec.studyConditioned = true }
        if mechanistic { spec.mechanistic = true }
        if mechanisticRelease { spec.mechanisticRelease = true }
        let model = try wrapModel { try AICMETModel(spec: spec, adapters: adapters, seed: seed) }
        let blob = try wrapModel { try Checkpoint(spec: spec, config: nil, state: TrainingState(), weights: model.namedParameters).serialize() }
        _ = try wrap {
            try workspace.models.save(name: name, spec: spec.json(), plugins: Session.pluginsJSON(plugins(of: spec)), weights: blob,
                                      metrics: ModelProvenance(origin: "model new", initSeed: seed).json())
        }
        return .text("created model \(name): prior \(prior), decoder \(decoderSpec.description), size \(size), "
                     + "\(model.parameterCount) parameters, untrained; `train \(name) --steps N` trains it")
    }

    /// `model list`: name, prior, decoder, size, parameters, trained steps, created (UTC).
    public func modelList() throws -> CommandResult {
        var t = Table(columns: ["name", "prior", "decoder", "size", "parameters", "trained steps", "created"])
        let records = try wrap { try workspace.models.list() }
        for record in records {
            let checkpoint = try checkpoint(of: record)
            t.append([.text(record.name), .text(checkpoint.spec.prior), .text(checkpoint.spec.decoder.description),
                      .text(Session.sizeName(checkpoint.spec.size)), .integer(checkpoint.weights.reduce(0) { $0 + $1.tensor.count }),
                      .integer(checkpoint.state.step), .text(Session.timestamp(record.created))])
        }
        var result = CommandResult.table(t)
        if records.isEmpty {
            result.blocks.append(.note("no models; `model new NAME --prior ID --decoder gaussian` creates one, `model import FILE` loads one"))
            if let note = settings[PretrainedModel.noteKey] { result.blocks.append(.note(note)) }
        }
        return result
    }

    /// `model delete NAME`: the model and its runs.
    public func modelDelete(_ name: String) throws -> CommandResult {
        _ = try requireModelRecord(name)
        _ = try wrap { try workspace.models.delete(named: name) }
        if activeModel == name { activeModel = nil }
        return .text("deleted model \(name)")
    }

    /// `model use NAME`: the model `forecast`, `generate` and `finetune` use when `--model` is omitted.
    public func modelUse(_ name: String) throws -> CommandResult {
        _ = try requireModelRecord(name)
        activeModel = name
        return .text("using model \(name)")
    }

    /// "tiny", "small", "base" or "custom".
    static func sizeName(_ size: NetworkSize) -> String {
        ["tiny", "small", "base"].first { NetworkSize.named($0) == size } ?? "custom"
    }

    /// UTC time to the second, "2026-11-27 05:40:12".
    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return f.string(from: date)
    }

    /// Runs an AICMET call, turning its errors into `WorkbenchError`.
    func wrapModel<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as WorkbenchError { throw e } catch let e as AICMETError {
            throw WorkbenchError(e.description, hint: nil)
        } catch {
            throw WorkbenchError.from(error)
        }
    }
}
