import ArgumentParser
import Workbench

struct StudyImportCommand: ShellCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a NONMEM-style CSV as a study (all or nothing).",
        discussion: "Column names are case-insensitive; ADDL/II doses are expanded; MDV/EVID are derived when absent. "
            + "Any error refuses the whole file and names the row, the subject and a fix.")
    @Argument(help: "The CSV file.") var file: String
    @Option(help: "Study name (default: the file name without extension).") var name: String?
    @Option(name: .customLong("time-unit"), help: "Time unit, e.g. h.") var timeUnit: String?
    @Option(name: .customLong("amt-unit"), help: "Dose amount unit, e.g. mg.") var amtUnit: String?
    @Option(name: .customLong("dv-unit"), help: "Concentration unit, e.g. mg/L.") var dvUnit: String?

    static var positionalCompletions: [Completion] { [.files] }

    func execute(_ context: ShellContext) throws -> CommandResult {
        try context.session.studyImport(file: file, name: name, timeUnit: timeUnit, amountUnit: amtUnit, dvUnit: dvUnit)
    }
}
