import ArgumentParser
import Workbench

struct ModelUseCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "use", abstract: "Make a model the default of forecast and generate for this session (else `default`).")
    @Argument(help: "The model.") var name: String
    static var positionalCompletions: [Completion] { [.models] }
    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.modelUse(name) }
}
