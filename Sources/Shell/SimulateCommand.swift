import ArgumentParser
import Workbench

struct SimulateCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Simulate studies from a prior; with --save, store them like imported studies.",
        discussion: "Saved studies work with `study plot`, `study export`, `nca`, …; several studies are saved as "
            + "NAME_1 … NAME_N. The same seed gives the same studies.")
    @Argument(help: "The prior id (compositions allowed).") var prior: String
    @Option(help: "Covariate adapters to add, comma-separated.") var adapters: String?
    @Option(help: "Number of studies.") var studies: Int = 1
    @Option(help: "Subjects per study.") var subjects: Int = 10
    @Option(help: "Seed (default: the session's, `.seed`).") var seed: UInt64?
    @Option(help: "Save as this study name.") var save: String?

    static var positionalCompletions: [Completion] { [PluginCompletions.priors] }
    static var optionCompletions: [String: Completion] { ["--adapters": PluginCompletions.adapters] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        let list = adapters.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        return try context.session.simulate(prior: prior, adapters: list, studies: studies, subjects: subjects, seed: seed, save: save)
    }
}
