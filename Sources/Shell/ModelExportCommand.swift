import ArgumentParser
import Workbench

struct ModelExportCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a model as safetensors (weights; spec, config and training state in the metadata).")
    @Argument(help: "The model.") var name: String
    @Argument(help: "The file to write (e.g. theo.safetensors).") var file: String
    static var positionalCompletions: [Completion] { [.models, .files] }
    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.modelExport(name, file: file) }
}
