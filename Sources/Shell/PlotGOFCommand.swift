import ArgumentParser
import Workbench

struct PlotGOFCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "gof", abstract: "Observed vs predicted (median) over the protocol's forecasts, log–log.")
    @Argument(help: "The study.") var name: String
    @Option(help: "The forecaster.") var forecaster = "nlme"
    @Option(help: "Given observation counts k, e.g. 0-4.") var given = "0-4"
    @Flag(help: "Linear axes instead of log–log.") var linear = false

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] { ["--forecaster": .values(ForecasterCatalog.standard.knownNames)] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.plotGOF(name, forecaster: forecaster, given: given, log: !linear, progress: context.progressHandler)
    }
}
