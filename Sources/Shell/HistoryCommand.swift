import ArgumentParser
import Workbench

/// `history`, `history replay RANGE`, `history save RANGE FILE`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List, replay or save the commands of earlier sessions.",
        discussion: "Ids in the first column are what RANGE (N or N-M) refers to.",
        subcommands: [HistoryList.self, HistoryReplay.self, HistorySave.self],
        defaultSubcommand: HistoryList.self)
}

struct HistoryList: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List commands (all sessions by default).")
    @Option(help: "Only this session.") var session: Int64?
    @Option(help: "Only the last N commands.") var limit: Int?

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.historyList(session: session, limit: limit)
    }
}

struct HistoryReplay: ShellCommand {
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

struct HistorySave: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "save", abstract: "Write the commands of RANGE to a script FILE.")
    @Argument(help: "N or N-M (ids from `history`).") var range: String
    @Argument(help: "The script file to write.") var file: String

    static var positionalCompletions: [Completion] { [.values([]), .files] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.historySave(range: range, file: file)
    }
}
