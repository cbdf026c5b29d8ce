import AICMET
import Foundation
import Workspace

/// Loading saved models: record → checkpoint (`Checkpoint.deserialize` of the weights blob) → `AICMETModel`.
extension Session {
    /// The model commands use when `--model` is omitted: the active model (`model use`), else `default`.
    public var defaultModelName: String { activeModel ?? "default" }

    /// The saved model NAME, or an error naming it with a suggestion.
    func requireModelRecord(_ name: String) throws -> ModelRecord {
        if let record = try wrap({ try workspace.models.load(named: name) }) { return record }
        let names = try modelNames()
        var hint = EditDistance.suggestions(for: name, among: names).first.map { "did you mean '\($0)'?" }
            ?? (names.isEmpty ? "create one with `model new NAME --prior ID --decoder gaussian`" : "`model list` shows the models")
        if name == PretrainedModel.modelName && !names.contains(name) && EditDistance.suggestions(for: name, among: names).isEmpty {
            let shipped = PretrainedModel.weightsURL(workspacePath: workspace.path)
            if FileManager.default.fileExists(atPath: shipped.path) {
                hint = "this workspace predates the pretrained model: `model import \(displayPath(shipped)) --name default` loads it"
            } else {
                hint = (settings[PretrainedModel.noteKey] ?? "no pretrained default was loaded into this workspace")
                    + "; `model new` + `train`, `model import FILE --name default`, or `model use NAME`"
            }
        }
        throw WorkbenchError("unknown model '\(name)'", hint: hint)
    }

    /// The checkpoint stored as the weights of `record`.
    func checkpoint(of record: ModelRecord) throws -> Checkpoint {
        guard let blob = record.weights else {
            throw WorkbenchError("model '\(record.name)' has no weights stored", hint: "delete it and create it again with `model new`")
        }
        do { return try Checkpoint.deserialize(blob) } catch {
            throw WorkbenchError("the weights of model '\(record.name)' cannot be read: \(error)",
                                 hint: "the workspace entry is damaged; delete the model and import or train it again")
        }
    }

    /// The network of `checkpoint`, with its adapters resolved in the registry.
    func model(from checkpoint: Checkpoint, name: String) throws -> AICMETModel {
        let adapters = try resolveAdapters(checkpoint.spec.adapters)
        do { return try checkpoint.makeModel(adapters: adapters) } catch {
            throw WorkbenchError("model '\(name)' cannot be rebuilt from its weights: \(error)",
                                 hint: "it was saved by an incompatible version; import it again from its safetensors file")
        }
    }

    /// The saved model NAME as a ready network, with its record and checkpoint.
    func loadModel(_ name: String) throws -> (record: ModelRecord, checkpoint: Checkpoint, model: AICMETModel) {
        let record = try requireModelRecord(name)
        let checkpoint = try checkpoint(of: record)
        return (record, checkpoint, try model(from: checkpoint, name: name))
    }

    static func validateModelName(_ name: String) throws {
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0.isNewline }), !name.hasPrefix("-") else {
            throw WorkbenchError("invalid model name '\(name)'", hint: "use a name without blanks, e.g. theo-small")
        }
    }
}
