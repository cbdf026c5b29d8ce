import ArgumentParser
import Workbench

struct PriorDeriveCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive", abstract: "Derive a customised prior from another and save it in the workspace.",
        discussion: "Each --set KEY=VALUE overrides one key of `prior show ID` (ranges as lo,hi; lists comma-separated), "
            + "e.g. prior derive slow --from one-compartment --set log_ke=-5,-3 --set route_weights=1,0,0")
    @Argument(help: "The new prior's id.") var newID: String
    @Option(help: "The prior it starts from.") var from: String
    @Option(name: .customLong("set"), help: "KEY=VALUE (repeatable).") var settings: [String] = []

    static var optionCompletions: [String: Completion] { ["--from": PluginCompletions.priors] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.priorDerive(newID, from: from, settings: settings)
    }
}
