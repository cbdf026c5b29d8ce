import ArgumentParser
import Workbench

struct ReportCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a Markdown report with SVG figures (table, individual forecasts, GOF, VPC).")
    @Argument(help: "The study.") var name: String
    @Option(help: "The Markdown file to write (figures go to FILE-figures/ beside it).") var file: String
    @Option(help: "Comma-separated forecaster names.") var forecasters = "nlme,median,locf"
    @Option(help: "Given observation counts k, e.g. 0-4.") var given = "0-4"
    @Option(help: "k of the individual-forecast figures.") var fitGiven = 2

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] {
        ["--forecasters": .values(ForecasterCatalog.standard.knownNames), "--file": .files]
    }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.report(name, file: file, forecasters: forecasters, given: given, fitGiven: fitGiven,
                                   progress: context.progressHandler)
    }
}
