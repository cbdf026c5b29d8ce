import ArgumentParser
import Workbench

struct PriorPlotCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Plot the profiles of one study simulated from a prior (seed: `.seed`).")
    @Argument(help: "The prior id (compositions allowed).") var id: String
    @Option(help: "Subjects in the study.") var subjects: Int = 8
    @Flag(help: "Log scale for concentrations.") var log = false

    static var positionalCompletions: [Completion] { [PluginCompletions.priors] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.priorPlot(id, subjects: subjects, log: log)
    }
}
