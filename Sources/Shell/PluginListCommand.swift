import ArgumentParser
import Workbench

struct PluginListCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the registered plugins with versions and sources.")
    @Option(help: "Only this kind (prior, covariate-adapter, decoder).") var kind: String?

    static var optionCompletions: [String: Completion] { ["--kind": PluginCompletions.kinds] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.pluginList(kind: kind) }
}
