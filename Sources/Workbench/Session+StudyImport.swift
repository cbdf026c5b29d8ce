import Foundation
import PKData
import Workspace

/// `study import FILE [--name N] [--time-unit U] [--amt-unit U] [--dv-unit U]`.
extension Session {
    /// Reads and validates a NONMEM CSV and saves it (study, raw records, import report) in one
    /// transaction; a refused file or a taken name changes nothing. Makes it the active study.
    public func studyImport(file: String, name: String? = nil, timeUnit: String? = nil, amountUnit: String? = nil,
                            dvUnit: String? = nil) throws -> CommandResult {
        let url = url(for: file)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw WorkbenchError("no such file '\(file)'", hint: "paths are relative to \(workingDirectory.path)")
        }
        if let name { try Session.validateStudyName(name) }
        let options = NONMEMImportOptions(studyName: name, timeUnit: timeUnit, amountUnit: amountUnit, dvUnit: dvUnit)
        let imported: NONMEMImport
        do {
            imported = try NONMEMReader.read(url: url, options: options)
        } catch let e as NONMEMImportError {
            throw Session.importFailure(e)
        }
        try Session.validateStudyName(imported.study.name)
        try checkCancelled()
        let records = RawRecords(columns: imported.columns,
                                 rows: imported.records.map { RawRecord(row: $0.row, cells: $0.values) })
        let report = try Session.encodeReport(imported.report)
        let summary = try wrap {
            try workspace.transaction { tx in
                try tx.studies.save(imported.study, records: records, source: file, report: report)
            }
        }
        activeStudy = summary.name
        var result = CommandResult([.text(
            "imported \(summary.name): \(summary.subjects) subjects, \(summary.doses) doses, "
            + "\(summary.observations) observations, \(summary.records) records from \(file)")])
        result.blocks += imported.report.warnings.map { .note("warning: " + $0) }
        return result
    }

    /// A refused file as one error: a single issue keeps its fix as the hint.
    static func importFailure(_ e: NONMEMImportError) -> WorkbenchError {
        if e.issues.count == 1 && e.totalIssues == 1 {
            let issue = e.issues[0]
            var place = [e.fileName]
            if let row = issue.row { place.append("row \(row)") }
            let subject = issue.subject.map { ", ID \($0)" } ?? ""
            return WorkbenchError(place.joined(separator: " ") + subject + ": " + issue.message,
                                  hint: issue.hint + "; nothing was imported")
        }
        return WorkbenchError(e.description, hint: "fix the rows listed; nothing was imported")
    }

    static func validateStudyName(_ name: String) throws {
        guard !name.isEmpty, !name.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw WorkbenchError("invalid study name '\(name)'", hint: "use a name without blanks, e.g. --name theo_2024")
        }
    }
}
