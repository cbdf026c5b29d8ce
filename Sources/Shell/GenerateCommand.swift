import ArgumentParser
import Workbench

struct GenerateCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate virtual subjects for a study from a model (no observation given).",
        discussion: "Each virtual subject copies a random template subject's doses, covariates and observation times; "
            + "one study latent is drawn from the study's subjects, an individual latent from the prior N(0, I) per "
            + "virtual subject, and one concentration per time from the decoder. Given the latents, times are drawn "
            + "independently: the within-subject correlation comes only from the latents (residual draws are "
            + "uncorrelated across times).")
    @Argument(help: "The study.") var study: String
    @Option(name: .customLong("n"), help: "Number of virtual subjects.") var count: Int
    @Option(help: "The model (default: `model use`, else default).") var model: String?
    @Option(help: "Seed (default: the session seed).") var seed: UInt64?
    @Option(help: "Save the virtual subjects as a new study of this name.") var save: String?

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] { ["--model": .models] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.generate(study: study, count: count, model: model, seed: seed, save: save)
    }
}
