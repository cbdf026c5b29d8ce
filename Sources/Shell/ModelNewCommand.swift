import ArgumentParser
import Workbench

struct ModelNewCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "new", abstract: "Create an untrained AICMET variant: a prior, a decoder, covariate adapters and a size.",
        discussion: "The prior is a registered id or a composition such as two-compartment+metabolite; the decoder is "
            + "gaussian or mixture:K (K = 2…16) over log-concentration. Weights are initialised from --seed (default: the "
            + "session seed, `.seed N`). Train it with `train NAME --steps N`.")
    @Argument(help: "Model name.") var name: String
    @Option(help: "Prior id (e.g. default, one-compartment, two-compartment+metabolite).") var prior: String
    @Option(help: "Decoder: gaussian or mixture:K.") var decoder: String = "gaussian"
    @Option(help: ArgumentHelp("Comma-separated covariate adapter ids (e.g. weight-allometric).", valueName: "adapters"))
    var covariates: String?
    @Option(help: "Network size: tiny, small or base.") var size: String = "small"
    @Flag(help: "Decoder queries also carry the time since the last given observation (aicmet-model.md §2).")
    var relativeQueryTime = false
    @Flag(help: "The decoder also attends to the encoder states of the target's given observations.")
    var givenAttention = false
    @Flag(help: "The individual posterior q(z_i) also reads the study's pooled context summary.")
    var studyConditioned = false
    @Flag(help: "The decoder's mean is a compartmental model (absorption, lag, two exponentials, superposed over doses) plus a learned residual.")
    var mechanistic = false
    @Flag(help: "With --mechanistic: each oral dose is released into the depot at a constant rate over a per-subject duration D1 before first-order absorption.")
    var mechanisticRelease = false
    @Option(help: "Seed of the initial weights (default: the session seed).") var seed: UInt64?

    static var optionCompletions: [String: Completion] {
        ["--decoder": .values(["gaussian", "mixture:2", "mixture:3", "mixture:4"]), "--size": .values(["tiny", "small", "base"]),
         "--prior": .dynamic { session in (try? session.registry().entries(.prior).map(\.id)) ?? [] },
         "--covariates": .dynamic { session in (try? session.registry().entries(.covariateAdapter).map(\.id)) ?? [] }]
    }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.modelNew(name: name, prior: prior, decoder: decoder, covariates: covariates.map { [$0] } ?? [],
                                     size: size, relativeQueryTime: relativeQueryTime,
                                     givenAttention: givenAttention, studyConditioned: studyConditioned,
                                     mechanistic: mechanistic, mechanisticRelease: mechanisticRelease, seed: seed)
    }
}
