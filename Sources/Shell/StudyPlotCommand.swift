import ArgumentParser
import Workbench

struct StudyPlotCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Plot concentration–time profiles in the terminal (one series per subject).")
    @Argument(help: "The study.") var name: String
    @Option(help: "Plot only this subject.") var subject: String?
    @Flag(help: "Log scale for concentrations.") var log = false

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] { ["--subject": .subjects] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.studyPlot(name, subject: subject, log: log)
    }
}
