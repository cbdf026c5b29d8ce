import ArgumentParser
import Workbench

struct PriorListCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered priors.")

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.priorList() }
}
