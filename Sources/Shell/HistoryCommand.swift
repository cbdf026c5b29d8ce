import ArgumentParser
import Workbench

/// `history`, `history replay RANGE`, `history save RANGE FILE`.
struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "List, replay or save the commands of earlier sessions.",
        discussion: "Ids in the first column are what RANGE (N or N-M) refers to.",
        subcommands: [HistoryListCommand.self, HistoryReplayCommand.self, HistorySaveCommand.self],
        defaultSubcommand: HistoryListCommand.self)
}
