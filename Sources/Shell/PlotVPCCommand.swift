import ArgumentParser
import Workbench

struct PlotVPCCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "vpc", abstract: "Visual predictive check (simulated studies for nlme; k = 0 forecasts otherwise).")
    @Argument(help: "The study.") var name: String
    @Option(help: "The forecaster.") var forecaster = "nlme"
    @Option(help: "Number of time bins.") var bins = 8
    @Flag(help: "Log scale for concentrations.") var log = false

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] { ["--forecaster": .values(ForecasterCatalog.standard.knownNames)] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.plotVPC(name, forecaster: forecaster, bins: bins, log: log)
    }
}
