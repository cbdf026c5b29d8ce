import ArgumentParser
import Workbench

struct PluginShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show a plugin's version, source and configuration.")
    @Argument(help: "The plugin id.") var id: String
    @Option(help: "Its kind, when the id exists in several.") var kind: String?

    static var positionalCompletions: [Completion] { [PluginCompletions.all] }
    static var optionCompletions: [String: Completion] { ["--kind": PluginCompletions.kinds] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.pluginShow(id, kind: kind) }
}
