import ArgumentParser
import Workbench

struct ModelShowCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a model's spec, plugins and provenance (training runs, parent, finetuning).")
    @Argument(help: "The model.") var name: String
    @Flag(help: "Also list the pretraining loss curve (a point every 25 steps).") var curve = false
    static var positionalCompletions: [Completion] { [.models] }
    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.modelShow(name, curve: curve) }
}
