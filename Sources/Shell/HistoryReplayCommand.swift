import ArgumentParser
import Workbench

struct HistoryReplayCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "replay", abstract: "Run the commands of RANGE again, in order.")
    @Argument(help: "N or N-M (ids from `history`).") var range: String

    func execute(_ context: ShellContext) throws -> CommandResult {
        let commands = try context.session.historyCommands(range: range)
        var ok = true
        for (id, command) in commands {
            context.note("history \(id): \(command)")
            ok = context.run(lines: [ScriptLine(text: command, source: "history", line: Int(id))]) && ok
            if !ok && context.session.cancellation.isCancelled { break }
        }
        if !ok {
            throw WorkbenchError("history replay \(range): a replayed command failed", hint: "the error above names its history id")
        }
        return .empty
    }
}
