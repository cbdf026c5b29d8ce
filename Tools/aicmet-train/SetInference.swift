import AICMET
import ArgumentParser
import Foundation

/// `aicmet-train set-inference`: records a model's inference default (chosen on held-out synthetic
/// studies) in its weights file, which keeps everything else.
struct SetInference: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-inference",
        abstract: "Set a model's inference default: population latents for k ≤ N given observations, amortized above.")

    @Argument(help: "Model file (.safetensors).") var model: String
    @Option(help: "Use population inference up to this many given observations (omit for always amortized).")
    var populationUpTo: Int?
    @Option(help: "Output file (default: overwrite the model file).") var out: String?

    func run() throws {
        var checkpoint = try Checkpoint.read(from: URL(fileURLWithPath: model)).weightsOnly
        checkpoint.spec.populationUpTo = populationUpTo
        try checkpoint.write(to: URL(fileURLWithPath: out ?? model))
    }
}
