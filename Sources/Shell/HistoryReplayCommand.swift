import ArgumentParser
import Workbench

struct HistoryReplayCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Run the commands of RANGE again, in order.")
    @Argument(help: "N or N-M (ids from `history`).") var range: String

    func execute(_ context: ShellContext) throws -> CommandResult {
        let commands = try context.session.historyCommands(range: range)
        let lines = commands.map { ScriptLine(text: $0.command, source: "history", line: Int($0.id)) }
        if !context.run(lines: lines) {
            throw WorkbenchError("history replay \(range): a replayed command failed", hint: "the error above names its history id")
        }
        return .empty
    }
}
