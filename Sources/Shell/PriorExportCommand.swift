import ArgumentParser
import Workbench

struct PriorExportCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a prior as a standalone TOML manifest (loadable with `plugin load`).")
    @Argument(help: "The prior id.") var id: String
    @Argument(help: "The manifest file to write.") var file: String
    @Option(name: .customLong("as"), help: "The id written in the manifest (default: the same id).") var newID: String?

    static var positionalCompletions: [Completion] { [PluginCompletions.priors, .files] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.priorExport(id, to: file, as: newID)
    }
}
