import Foundation
import PKData

/// `study describe NAME`: the import report, as tables (so `.mode csv|json` applies).
extension Session {
    /// How the file was read: a summary line, the role of each column, the rules applied, counts per
    /// subject, ignored rows with the reason, and warnings. Studies not imported from a file get a summary.
    public func studyDescribe(_ name: String) throws -> CommandResult {
        let study = try requireStudy(name)
        guard let stored = try wrap({ try workspace.studies.report(named: name) }) else {
            let doses = study.subjects.reduce(0) { $0 + $1.doses.count }
            let observations = study.subjects.reduce(0) { $0 + $1.observations.count }
            return .text("\(study.name): \(study.subjects.count) subjects, \(doses) doses, \(observations) observations "
                         + "(not imported from a file: no column report)")
        }
        guard let report = try? JSONDecoder().decode(NONMEMImportReport.self, from: Data(stored.utf8)) else {
            return .text(stored)
        }
        var blocks: [OutputBlock] = [.text(
            "\(report.fileName): \(report.subjects.count) subjects, \(report.totalDoses) doses "
            + "(\(report.totalExpandedDoses) from ADDL), \(report.totalObservations) observations\n"
            + "units: time \(report.units.time ?? "not given (h assumed)"), amount \(report.units.amount ?? "not given"), "
            + "DV \(report.units.concentration ?? "not given")")]
        var columns = Table(title: "columns", columns: ["column", "read as"])
        for c in report.columns { columns.append([.text(c.name), .text(NONMEMImportReport.describe(c.role))]) }
        blocks.append(.table(columns))
        if !report.rules.isEmpty { blocks.append(.text("\nrules:\n" + report.rules.map { "  " + $0 }.joined(separator: "\n"))) }
        var subjects = Table(title: "subjects", columns: ["ID", "doses", "from ADDL", "observations", "censored", "pre-dose"])
        for s in report.subjects {
            subjects.append([.text(s.id), .integer(s.doses), .integer(s.expandedDoses), .integer(s.observations),
                             .integer(s.censoredObservations), .integer(s.preDoseObservations)])
        }
        blocks.append(.table(subjects))
        if !report.ignoredRows.isEmpty {
            var ignored = Table(title: "ignored rows", columns: ["row", "ID", "why"])
            for r in report.ignoredRows { ignored.append([.integer(r.row), .text(r.subject ?? ""), .text(r.reason)]) }
            blocks.append(.table(ignored))
        }
        if !report.warnings.isEmpty {
            blocks.append(.text("\nwarnings:\n" + report.warnings.map { "  " + $0 }.joined(separator: "\n")))
        }
        return CommandResult(blocks)
    }

    static func encodeReport(_ report: NONMEMImportReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        do {
            return String(decoding: try encoder.encode(report), as: UTF8.self)
        } catch {
            throw WorkbenchError("cannot encode the import report: \(error)", hint: "this is a bug; please report it")
        }
    }
}
