import ArgumentParser

/// `study …`: import, inspect, plot, export and delete studies.
struct StudyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "study",
        abstract: "Import, inspect, plot, export and delete studies (NONMEM-style CSV).",
        subcommands: [StudyImportCommand.self, StudyListCommand.self, StudyShowCommand.self, StudyDescribeCommand.self,
                      StudyPlotCommand.self, StudyExportCommand.self, StudyDeleteCommand.self])
}
