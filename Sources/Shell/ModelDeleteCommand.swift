import ArgumentParser
import Workbench

struct ModelDeleteCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a model and its training runs.")
    @Argument(help: "The model.") var name: String
    static var positionalCompletions: [Completion] { [.models] }
    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.modelDelete(name) }
}
