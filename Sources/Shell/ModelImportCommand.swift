import ArgumentParser
import Workbench

struct ModelImportCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a model from a safetensors file (validated; a bad file changes nothing).")
    @Argument(help: "The safetensors file (from `model export` or aicmet-train).") var file: String
    @Option(help: "Model name (default: the name in the file's spec).") var name: String?
    static var positionalCompletions: [Completion] { [.files] }
    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.modelImport(file: file, name: name) }
}
