import ArgumentParser
import Workbench

struct StudyDescribeCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "describe",
        abstract: "How the file was read: column roles, rules, counts per subject, ignored rows, warnings.")
    @Argument(help: "The study.") var name: String

    static var positionalCompletions: [Completion] { [.studies] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.studyDescribe(name) }
}
