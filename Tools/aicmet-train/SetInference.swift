import AICMET
import ArgumentParser
import Foundation

/// `aicmet-train set-inference`: records a model's inference default (chosen on held-out synthetic
/// studies) in its weights file, which keeps everything else, and in the `spec.json` beside it when there is one.
struct SetInference: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-inference",
        abstract: "Set a model's inference default: how z_n is drawn for k = 0, 1, … given observations.")

    @Argument(help: "Model file (.safetensors) or model folder.") var model: String
    @Option(help: "MODE[,MODE…][@BANDWIDTH][^WEIGHT][+screened][+selected][+calibrated]: amortized|population|combined for k = 0, 1, …, the last entry holding above (omit: always amortized); ^WEIGHT: the given points' likelihood weight (default 1); +screened: withhold spurious pre-dose values; +selected: choose the trust in the given points per study on its other subjects; +calibrated: in-study calibration of the intervals (shrunk toward the plan's synthetic spread, see measure-spread).")
    var plan: String?
    @Option(help: "Output file (default: overwrite the model file).") var out: String?

    func run() throws {
        let parsed = try plan.map(InferencePlan.parse)
        try rewriteSpec(of: model, to: out) { $0.inference = parsed }
    }
}

/// Rewrites the spec in a model's weights file (everything else kept) and in the `spec.json` beside the
/// output when there is one (the copy `pretrain` writes).
func rewriteSpec(of model: String, to out: String?, _ change: (inout VariantSpec) throws -> Void) throws {
    let file = try Checkpoint.file(at: URL(fileURLWithPath: model))
    var checkpoint = try Checkpoint.read(from: file).weightsOnly
    try change(&checkpoint.spec)
    let url = out.map { URL(fileURLWithPath: $0) } ?? file
    try checkpoint.write(to: url)
    let specURL = url.deletingLastPathComponent().appendingPathComponent("spec.json")
    if FileManager.default.fileExists(atPath: specURL.path) {
        let encoder = JSONEncoder(); encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(checkpoint.spec).write(to: specURL)
    }
}
