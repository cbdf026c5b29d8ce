import AICMET
import ArgumentParser
import Foundation

/// `aicmet-train set-inference`: records a model's inference default (chosen on held-out synthetic
/// studies) in its weights file, which keeps everything else.
struct SetInference: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-inference",
        abstract: "Set a model's inference default: how z_n is drawn for k = 0, 1, … given observations.")

    @Argument(help: "Model file (.safetensors).") var model: String
    @Option(help: "MODE[,MODE…][@BANDWIDTH]: amortized|population|combined for k = 0, 1, …, the last entry holding above (omit: always amortized).")
    var plan: String?
    @Option(help: "Output file (default: overwrite the model file).") var out: String?

    func run() throws {
        var checkpoint = try Checkpoint.read(from: URL(fileURLWithPath: model)).weightsOnly
        checkpoint.spec.inference = try plan.map(InferencePlan.parse)
        try checkpoint.write(to: URL(fileURLWithPath: out ?? model))
    }
}
