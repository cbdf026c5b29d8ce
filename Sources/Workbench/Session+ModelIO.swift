import AICMET
import Foundation
import Workspace

/// `model export NAME FILE`, `model import FILE [--name N]`: safetensors files with the spec, training
/// config and state in their metadata (the format of `Checkpoint`).
extension Session {
    /// Writes the weights (no optimiser state) with spec and training state as safetensors.
    public func modelExport(_ name: String, file: String) throws -> CommandResult {
        let record = try requireModelRecord(name)
        let checkpoint = try checkpoint(of: record)
        let url = url(for: file)
        do { try checkpoint.weightsOnly.write(to: url) } catch {
            throw WorkbenchError("cannot write '\(file)': \(error.localizedDescription)", hint: "check that the directory exists and is writable")
        }
        let bytes = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
        return .text("exported model \(name) (\(checkpoint.state.step) trained steps) to \(file) (\(bytes) bytes)")
    }

    /// Reads and validates FILE (an AICMET safetensors file: metadata, every parameter with its shape) and
    /// saves it as model N (default: the name in its spec). A bad file changes nothing.
    public func modelImport(file: String, name: String? = nil) throws -> CommandResult {
        let url = url(for: file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw WorkbenchError("no such file '\(file)'", hint: "paths are relative to \(workingDirectory.path)")
        }
        let (saved, checkpoint, attached) = try importModel(url: url, label: file, name: name, origin: "model import \(file)",
                                                            records: (try? PretrainedModel.trainingRecords(beside: url)) ?? [])
        return .text("imported model \(saved) from \(file): prior \(checkpoint.spec.prior), decoder \(checkpoint.spec.decoder.description), "
                     + "\(checkpoint.weights.reduce(0) { $0 + $1.tensor.count }) parameters, \(checkpoint.state.step) trained steps"
                     + (attached ? " (training record\(checkpoint.spec.memberCount > 1 ? "s of its \(checkpoint.spec.memberCount) members" : "") from training.json beside it)" : ""))
    }

    /// Validates and saves a model file in one transaction. Training `records` (aicmet-train's training.json)
    /// that account for the file's steps (one record of its step count; for an ensemble one per member, their
    /// steps summing to the file's) are kept in the provenance and add one finished pretraining run row each.
    /// Returns the saved name, the checkpoint and whether the records were attached.
    func importModel(url: URL, label: String, name: String?, origin: String,
                     records: [PretrainedModel.TrainingRecord]) throws -> (String, Checkpoint, Bool) {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw WorkbenchError("cannot read '\(label)': \(error.localizedDescription)", hint: "check the path and its permissions")
        }
        var checkpoint: Checkpoint
        do { checkpoint = try Checkpoint.deserialize(data) } catch {
            throw WorkbenchError("'\(label)' is not a valid AICMET model file: \(error)",
                                 hint: "expected a safetensors file from `model export` or aicmet-train (it may be truncated); nothing was imported")
        }
        let newName = name ?? checkpoint.spec.name
        try Session.validateModelName(newName)
        if try wrap({ try workspace.models.load(named: newName) }) != nil {
            throw WorkbenchError("model '\(newName)' already exists", hint: "import it under another name with --name, or `model delete \(newName)` first")
        }
        checkpoint.spec.name = newName
        do { _ = try model(from: checkpoint, name: newName) } catch let e as WorkbenchError {
            throw WorkbenchError("'\(label)' cannot be imported: \(e.message)", hint: (e.hint.map { $0 + "; " } ?? "") + "nothing was imported")
        }
        let attached = records.count == checkpoint.spec.memberCount
            && records.reduce(0) { $0 + $1.state.step } == checkpoint.state.step ? records : []
        let provenance = checkpoint.spec.ensemble == nil
            ? ModelProvenance(origin: origin, pretrained: attached.first)
            : ModelProvenance(origin: origin, pretrainedMembers: attached.isEmpty ? nil : attached)
        let blob = try wrapModel { try checkpoint.serialize() }
        let spec = checkpoint.spec
        try wrap {
            try workspace.transaction { tx in
                let saved = try tx.models.save(name: newName, spec: spec.json(), plugins: Session.pluginsJSON(plugins(of: spec)),
                                               weights: blob, metrics: provenance.json())
                for run in attached {
                    let row = try tx.runs.start(modelID: saved.id, kind: .pretrain, command: run.command, seed: run.seed)
                    try tx.runs.update(id: row.id, steps: run.state.step, status: "done",
                                       lossCurve: run.state.curve.map { Double($0.values.loss) }, finished: Date())
                }
            }
        }
        return (newName, checkpoint, !attached.isEmpty)
    }
}
