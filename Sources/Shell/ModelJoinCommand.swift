import ArgumentParser
import Workbench

struct ModelJoinCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "join", abstract: "Join saved models of one architecture and prior into an ensemble (equal mixture of their forecasts).")
    @Argument(help: "Name of the new ensemble model.") var name: String
    @Argument(help: "Two or more saved models.") var members: [String] = []
    @Flag(help: "Allow members learnt from different priors; the ensemble takes the first member's prior and support.")
    var mixedPriors = false
    static var positionalCompletions: [Completion] { [.values([])] }
    static var laterPositionalCompletion: Completion? { .models }
    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.modelJoin(name: name, members: members, mixedPriors: mixedPriors) }
}
