import ArgumentParser
import Workbench

struct StudyListCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the studies of the workspace.")

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.studyList() }
}
