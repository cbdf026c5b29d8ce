import ArgumentParser
import Workbench

struct HistorySaveCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Write the commands of RANGE to a script FILE.")
    @Argument(help: "N or N-M (ids from `history`).") var range: String
    @Argument(help: "The script file to write.") var file: String

    static var positionalCompletions: [Completion] { [.values([]), .files] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.historySave(range: range, file: file)
    }
}
