import ArgumentParser
import Workbench

struct PluginLoadCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "load", abstract: "Register a plugin manifest (TOML) for this session.",
        discussion: "Unknown keys and out-of-range values are errors naming the file and the key; an id that is "
            + "already registered is refused. Put the file in plugins/ to load it at every start-up.")
    @Argument(help: "The manifest file.") var file: String

    static var positionalCompletions: [Completion] { [.files] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.pluginLoad(file: file) }
}
