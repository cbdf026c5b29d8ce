import ArgumentParser
import Workbench

struct StudyShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a study's subjects, or one subject's doses and observations.")
    @Argument(help: "The study.") var name: String
    @Option(help: "Show this subject's records.") var subject: String?

    static var positionalCompletions: [Completion] { [.studies] }
    static var optionCompletions: [String: Completion] { ["--subject": .subjects] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.studyShow(name, subject: subject) }
}
