import Foundation
import PKSim
import Tensor

/// A model's weights with its spec and, for resumable runs, the optimiser state and run state.
/// Serialised as safetensors: tensors `model.<parameter>` and `optimizer.<state>`; metadata keys
/// `aicmet.spec`, `aicmet.config`, `aicmet.state` (JSON) and `aicmet.format` ("1").
public struct Checkpoint {
    public var spec: VariantSpec
    public var config: TrainingConfig?
    public var state: TrainingState
    public var weights: [(name: String, tensor: Tensor)]
    public var optimizer: [(name: String, tensor: Tensor)]

    public init(spec: VariantSpec, config: TrainingConfig?, state: TrainingState,
                weights: [(name: String, tensor: Tensor)], optimizer: [(name: String, tensor: Tensor)] = []) {
        self.spec = spec; self.config = config; self.state = state; self.weights = weights; self.optimizer = optimizer
    }

    /// The same checkpoint without optimiser state (what a saved model keeps).
    public var weightsOnly: Checkpoint { Checkpoint(spec: spec, config: config, state: state, weights: weights) }

    public func serialize() throws -> Data {
        let encoder = JSONEncoder(); encoder.outputFormatting = [.sortedKeys]
        var metadata = ["aicmet.format": "1", "aicmet.spec": spec.json(),
                        "aicmet.state": String(decoding: try encoder.encode(state), as: UTF8.self)]
        if let config { metadata["aicmet.config"] = String(decoding: try encoder.encode(config), as: UTF8.self) }
        let tensors = weights.map { (name: "model.\($0.name)", tensor: $0.tensor) }
            + optimizer.map { (name: "optimizer.\($0.name)", tensor: $0.tensor) }
        return try SafeTensors.serialize(tensors, metadata: metadata)
    }

    public static func deserialize(_ data: Data) throws -> Checkpoint {
        let (tensors, metadata) = try SafeTensors.deserialize(data)
        guard metadata["aicmet.format"] == "1", let specText = metadata["aicmet.spec"] else {
            throw AICMETError.weights("not an AICMET checkpoint: the safetensors metadata lacks aicmet.format = 1 and aicmet.spec")
        }
        let spec = try VariantSpec.fromJSON(specText)
        let decoder = JSONDecoder()
        let state = try metadata["aicmet.state"].map { try decoder.decode(TrainingState.self, from: Data($0.utf8)) } ?? TrainingState()
        let config = try metadata["aicmet.config"].map { try decoder.decode(TrainingConfig.self, from: Data($0.utf8)) }
        func group(_ prefix: String) -> [(name: String, tensor: Tensor)] {
            tensors.filter { $0.key.hasPrefix(prefix) }.sorted { $0.key < $1.key }
                .map { (name: String($0.key.dropFirst(prefix.count)), tensor: $0.value) }
        }
        return Checkpoint(spec: spec, config: config, state: state, weights: group("model."), optimizer: group("optimizer."))
    }

    public func write(to url: URL) throws {
        try serialize().write(to: url, options: .atomic)
    }

    /// Reads a checkpoint file, or the `model.safetensors` of a model folder (see `file(at:)`).
    public static func read(from url: URL) throws -> Checkpoint {
        let url = try file(at: url)
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw AICMETError.weights("cannot read checkpoint \(url.path): \(error.localizedDescription)")
        }
        return try deserialize(data)
    }

    /// The checkpoint file `url` names: itself, or the `model.safetensors` inside a model folder (as
    /// aicmet-train and the shipped `workspace/models/default` lay them out).
    public static func file(at url: URL) throws -> URL {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw AICMETError.weights("no checkpoint at \(url.path): no such file or folder")
        }
        guard isFolder.boolValue else { return url }
        let file = url.appendingPathComponent("model.safetensors")
        guard FileManager.default.fileExists(atPath: file.path) else {
            throw AICMETError.weights("\(url.path) is a folder without model.safetensors; pass a .safetensors checkpoint or a model folder")
        }
        return file
    }

    /// Copies the weights into `model`'s parameters; every parameter of every member must be present with its
    /// shape (member m ≥ 1's under `member<m>.`, see `AICMETModel.namedParameters`).
    public func restore(into model: AICMETModel) throws {
        guard spec.sameArchitecture(as: model.spec), spec.memberCount == model.spec.memberCount else {
            throw AICMETError.weights("checkpoint of variant '\(spec.name)' does not match the architecture of '\(model.spec.name)'"
                                      + (spec.memberCount == model.spec.memberCount ? "" : " (\(spec.memberCount) against \(model.spec.memberCount) ensemble members)"))
        }
        var byMember = [[String: Tensor]](repeating: [:], count: model.spec.memberCount)
        for (name, tensor) in weights {
            let member = (1..<byMember.count).first { name.hasPrefix(AICMETModel.memberPrefix($0)) }
            byMember[member ?? 0][member.map { String(name.dropFirst(AICMETModel.memberPrefix($0).count)) } ?? name] = tensor
        }
        for (m, (member, tensors)) in zip(model.members, byMember).enumerated() {
            do { try member.network.loadParameters(from: tensors, strict: true) } catch where byMember.count > 1 {
                throw AICMETError.weights("ensemble member \(m + 1) of \(byMember.count): \(error)")
            }
        }
    }

    /// A warm start of `model` from these weights. A study-conditioned model may start from an
    /// unconditioned one: its individual head's study columns start at zero, so it begins as the
    /// initial model's function and learns to read the study from there.
    public func warmStart(_ model: AICMETModel) throws {
        let widens = model.spec.studyConditioned == true && spec.studyConditioned != true
        guard spec.memberCount == 1, model.spec.memberCount == 1 else {
            throw AICMETError.weights("an ensemble cannot be warm-started or warm-start another model; train its members one by one")
        }
        guard spec.sameArchitecture(as: model.spec, studyConditioning: !widens) else {
            throw AICMETError.weights("checkpoint of variant '\(spec.name)' cannot start '\(model.spec.name)': other architecture")
        }
        var tensors = Dictionary(uniqueKeysWithValues: weights.map { ($0.name, $0.tensor) })
        let head = "encoder.individual_head.weight"
        if widens, let old = tensors[head] {
            let (rows, from, to) = (old.shape[0], old.shape[1], model.network.individualHead.inFeatures)
            var widened = [Float](repeating: 0, count: rows * to)
            for r in 0..<rows { widened.replaceSubrange((r * to)..<(r * to + from), with: old.scalars[(r * from)..<((r + 1) * from)]) }
            tensors[head] = Tensor(shape: [rows, to], scalars: widened)
        }
        try model.network.loadParameters(from: tensors, strict: true)
    }

    func restoreOptimizer(_ optimizer: Adam) throws {
        guard !self.optimizer.isEmpty else { return }
        try optimizer.importState(Dictionary(uniqueKeysWithValues: self.optimizer.map { ($0.name, $0.tensor) }))
    }

    /// A model rebuilt from this checkpoint (adapters resolved by the caller, in the spec's order).
    public func makeModel(adapters: [any CovariateAdapter]) throws -> AICMETModel {
        let model = try AICMETModel(spec: spec, adapters: adapters, seed: 0)
        try restore(into: model)
        return model
    }
}

