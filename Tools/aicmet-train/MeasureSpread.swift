import AICMET
import ArgumentParser
import Foundation
import PKData
import PKSim

/// `aicmet-train measure-spread`: measures, for one inference plan, the factor by which a model's 90 %
/// intervals must be scaled to cover 90 % of held-out points, on synthetic studies of the model's prior
/// (`SyntheticSpread.measure`, per k = 0…4, optionally sparse studies apart), and records it in the spec
/// (`VariantSpec.syntheticSpread`): in-study calibration then shrinks toward it instead of toward 1.
/// Use a seed that no decision suite uses.
struct MeasureSpread: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure-spread",
        abstract: "Measure a model's interval spread on synthetic studies of its prior, for one inference plan, and record it in the model.")

    @Argument(help: "Model file (.safetensors) or model folder.") var model: String
    @Option(help: "Inference plan to measure (default: the model's own); +calibrated is ignored.") var plan: String?
    @Option(help: "Prior of the synthetic studies (default: the model's own).") var prior: String?
    @Option(help: "Synthetic studies.") var studies = 200
    @Option(help: "Subjects per synthetic study.") var subjects = 10
    @Option(help: "Seed of the studies and forecasts (keep it apart from evaluation seeds).") var seed: UInt64 = 1
    @Flag(help: "Measure sparse studies (median ≤ 4 observations per context subject) apart from the others.") var splitSparse = false
    @Option(help: "Output file (default: overwrite the model file).") var out: String?

    func run() throws {
        let checkpoint = try Checkpoint.read(from: URL(fileURLWithPath: model))
        let spec = checkpoint.spec
        guard let synthetic = BuiltinPriors.prior(prior ?? spec.prior) else {
            throw ValidationError("the prior '\(prior ?? spec.prior)' is not a built-in prior")
        }
        let measured = try plan.map(InferencePlan.parse)?.uncalibrated ?? spec.inferencePlan.uncalibrated
        var rng = SeededGenerator(seed: seed ^ 0x53505244)   // "SPRD": disjoint from training and evaluation streams
        let sampled = (0..<studies).map { _ in synthetic.sampleStudy(subjects: subjects, rng: &rng) }
        let forecaster = AICMETForecaster(name: spec.name, model: try checkpoint.makeModel(adapters: try builtinAdapters(spec.adapters)),
                                          plan: measured)
        guard let spread = try SyntheticSpread.measure(forecaster, studies: sampled, seed: seed, splitSparse: splitSparse) else {
            throw ValidationError("too few hidden points in the studies that are not sparse to measure a spread; use more studies, or a prior with dense designs")
        }
        try rewriteSpec(of: model, to: out) { $0.syntheticSpread = ($0.syntheticSpread ?? [:]).merging([measured.description: spread]) { _, new in new } }
        print("\(spec.name) [\(measured)]: \(spread.description)")
    }
}
