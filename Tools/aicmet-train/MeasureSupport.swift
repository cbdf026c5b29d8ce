import AICMET
import ArgumentParser
import Foundation
import PKSim

/// `aicmet-train measure-support`: re-measures what a model's prior simulated (`PriorSupport`: routes,
/// doses, infusions, how far below the peak its data reach) and records it in the model's spec, for
/// models whose spec predates a field. Forecasts warn outside this support.
struct MeasureSupport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-support",
        abstract: "Re-measure the support of a model's prior (what forecasts warn outside of) and record it in the model.")

    @Argument(help: "Model file (.safetensors) or model folder.") var model: String
    @Option(help: "Seed of the simulated studies (pretrain uses its own seed).") var seed: UInt64 = 1
    @Option(help: "Output file (default: overwrite the model file).") var out: String?

    func run() throws {
        try rewriteSpec(of: model, to: out) { spec in
            guard let prior = BuiltinPriors.prior(spec.prior) else {
                throw ValidationError("the model's prior '\(spec.prior)' is not a built-in prior")
            }
            spec.support = PriorSupport.measure(prior, seed: seed)
            print("\(spec.name): \(spec.support)")
        }
    }
}
