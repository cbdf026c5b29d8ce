import ArgumentParser
import Workbench

struct PlotFitCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "fit", abstract: "One subject's forecast given its first k observations, with the 90 % band.")
    @Argument(help: "The study.") var name: String
    @Option(help: "The subject.") var subject: String
    @Option(help: "The forecaster.") var forecaster = "nlme"
    @Option(help: "Given observation count k.") var given = 2
    @Flag(help: "Log scale for concentrations.") var log = false

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] {
        ["--subject": .subjects, "--forecaster": .values(ForecasterCatalog.standard.knownNames)]
    }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.plotFit(name, subject: subject, forecaster: forecaster, given: given, log: log)
    }
}
