import AICMET
import ArgumentParser
import Foundation

/// `aicmet-train ensemble`: joins independently trained models of one architecture (and prior, unless
/// `--mixed-priors`) into one ensemble model (`AICMETModel.joining`: its predictive is the members' equal
/// mixture; the first model's spec without its spreads, which must be re-measured with `measure-spread`).
struct JoinEnsemble: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ensemble",
        abstract: "Join trained models of one architecture and prior into an ensemble (equal mixture of their predictives).")

    @Argument(help: "Model files (.safetensors) or model folders, at least two members in all.") var models: [String]
    @Option(help: "Output model folder (model.safetensors, spec.json and, when every input has one, the members' training.json records).") var out: String
    @Option(help: "Name of the ensemble (default: the first model's).") var name: String?
    @Flag(help: "Allow members learnt from different priors; the ensemble is described by the first model's prior and support (put the broadest first).")
    var mixedPriors = false

    func run() throws {
        let checkpoints = try models.map { try Checkpoint.read(from: URL(fileURLWithPath: $0)) }
        let ensemble = try AICMETModel.joining(checkpoints.map { try $0.makeModel(adapters: try builtinAdapters($0.spec.adapters)) },
                                               name: name, mixedPriors: mixedPriors)
        let folder = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Checkpoint(spec: ensemble.spec, config: nil, state: .joined(checkpoints.map(\.state)), weights: ensemble.namedParameters)
            .write(to: folder.appendingPathComponent("model.safetensors"))
        let encoder = JSONEncoder(); encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(ensemble.spec).write(to: folder.appendingPathComponent("spec.json"))
        // The members' training records, in member order, when every input has its own.
        let records = try models.map { try TrainingRecord.read(beside: try Checkpoint.file(at: URL(fileURLWithPath: $0))) }
        let recordsURL = folder.appendingPathComponent(TrainingRecord.fileName), complete = records.allSatisfy { !$0.isEmpty }
        if complete {
            try TrainingRecord.write(records.flatMap { $0 }, to: recordsURL)
        } else {
            try? FileManager.default.removeItem(at: recordsURL)
        }
        print("\(ensemble.spec.name): ensemble of \(ensemble.spec.memberCount) members, \(ensemble.parameterCount) parameters → \(folder.path); "
              + (complete ? "training records joined in training.json; " : "no training.json (an input has none); ")
              + "measure its synthetic spread with measure-spread")
    }
}
