import ArgumentParser
import Workbench

struct HistoryListCommand: ShellCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List commands (all sessions by default).")
    @Option(help: "Only this session.") var session: Int64?
    @Option(help: "Only the last N commands.") var limit: Int?
    @Flag(help: "Also show when each command started (UTC) and how long it ran.") var verbose = false

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.historyList(session: session, limit: limit, verbose: verbose)
    }
}
