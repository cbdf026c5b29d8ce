import ArgumentParser
import Workbench

struct PriorShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a prior's configuration: every key, its value and meaning (or a mix's components).")
    @Argument(help: "The prior id (compositions allowed).") var id: String

    static var positionalCompletions: [Completion] { [PluginCompletions.priors] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.priorShow(id) }
}
