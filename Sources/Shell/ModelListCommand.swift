import ArgumentParser
import Workbench

struct ModelListCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the models: prior, decoder, size, parameters, trained steps, created (UTC).")
    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.modelList() }
}
