import ArgumentParser
import Workbench

struct StudyDeleteCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a study and its records.")
    @Argument(help: "The study.") var name: String

    static var positionalCompletions: [Completion] { [.studies] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.studyDelete(name) }
}
