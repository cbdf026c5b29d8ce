import ArgumentParser
import Workbench

struct StudyExportCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write a study as NONMEM CSV (the imported records, row for row).")
    @Argument(help: "The study.") var name: String
    @Argument(help: "The CSV file to write.") var file: String

    static var positionalCompletions: [Completion] { [.studies, .files] }

    func execute(_ context: ShellContext) throws -> CommandResult { try context.session.studyExport(name, to: file) }
}
