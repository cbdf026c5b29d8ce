/// Reads and validates a NONMEM-style CSV event table (see docs/nonmem-data.md) into a `Study`.
///
///     let imported = try NONMEMReader.read(url: url, options: NONMEMImportOptions(dvUnit: "mg/L"))
///     imported.study          // subjects with explicit doses (ADDL expanded), observations, covariates
///     imported.records        // every data row as written, for NONMEMWriter
///     imported.report         // how each column and row was read (`study describe`)
///
/// The whole file is refused on any error: `NONMEMImportError` lists up to `options.maxErrors` issues, each
/// naming the row (header = row 1), subject ID, column and a fix. Rules applied silently elsewhere are
/// reported here instead: blank and `#` comment lines are ignored, EVID 0 rows with MDV 1 are kept as records
/// but not used, observations before the first dose are kept (and counted), EVID 3/4 resets start a new
/// occasion, stored as subject `ID#2`, `ID#3`, … (the state of the system is emptied at a reset).
public enum NONMEMReader {
    public static func read(url: URL, options: NONMEMImportOptions = NONMEMImportOptions()) throws -> NONMEMImport {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw NONMEMImportError(fileName: url.lastPathComponent, issues: [NONMEMIssue(
                kind: .emptyFile, message: "cannot read the file (\(error.localizedDescription))", hint: "check the path")])
        }
        guard let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw NONMEMImportError(fileName: url.lastPathComponent, issues: [NONMEMIssue(
                kind: .emptyFile, message: "not a text file", hint: "export the table as CSV (UTF-8)")])
        }
        return try read(text: text, fileName: url.lastPathComponent, options: options)
    }

    public static func read(text: String, fileName: String, options: NONMEMImportOptions = NONMEMImportOptions()) throws -> NONMEMImport {
        var issues = NONMEMIssueList(limit: options.maxErrors)
        func refuse(_ issue: NONMEMIssue) -> NONMEMImportError { NONMEMImportError(fileName: fileName, issues: [issue]) }

        let text = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = NONMEMCSV.lines(text)
        guard let headerLine = lines.first, !headerLine.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw refuse(NONMEMIssue(kind: .emptyFile, message: "the file is empty",
                                     hint: "export the data table with a header row (ID,TIME,AMT,DV,…)"))
        }
        let columnNames = NONMEMCSV.fields(headerLine)
        if columnNames.count == 1, let separator = [(";", "semicolons"), ("\t", "tabs"), (" ", "spaces")].first(where: { headerLine.contains($0.0) }) {
            throw refuse(NONMEMIssue(kind: .missingColumn, row: 1, message: "the header is separated by \(separator.1), not commas",
                                     hint: "save the table as comma-separated values (CSV)"))
        }
        let columns = NONMEMColumns(names: columnNames)
        for field in [NONMEMField.id, .time, .dv] where columns[field] == nil {
            issues.add(NONMEMIssue(kind: .missingColumn, column: field.rawValue, message: "no \(field.rawValue) column",
                                   hint: "add a \(field.rawValue) column (\(field.meaning)); the header has \(columnNames.joined(separator: ","))"))
        }
        if !issues.isEmpty { throw NONMEMImportError(fileName: fileName, issues: issues.issues, totalIssues: issues.total) }

        var records: [NONMEMRecord] = []
        var ignored: [NONMEMImportReport.IgnoredRow] = []
        for (i, line) in lines.enumerated().dropFirst() {
            let row = i + 1
            let trimmed = NONMEMCSV.trim(String(line))
            if trimmed.isEmpty { ignored.append(.init(row: row, subject: nil, reason: "blank line")); continue }
            if trimmed.hasPrefix("#") { ignored.append(.init(row: row, subject: nil, reason: "comment line (#)")); continue }
            let values = NONMEMCSV.fields(line)
            if values.count != columnNames.count {
                let id = columns[.id].flatMap { $0 < values.count ? NONMEMCSV.trim(values[$0]) : nil }
                issues.add(NONMEMIssue(kind: .raggedRow, row: row, subject: id.flatMap { $0.isEmpty ? nil : $0 },
                                       message: "\(values.count) values, the header has \(columnNames.count)",
                                       hint: "give every row one value per column (. for missing)"))
                continue
            }
            records.append(NONMEMRecord(row: row, values: values))
        }
        if records.isEmpty && issues.isEmpty {
            throw refuse(NONMEMIssue(kind: .emptyFile, message: "no data rows below the header", hint: "add one row per event"))
        }

        var rows: [NONMEMRow] = []
        for record in records {
            if let r = parseRow(record, columns: columns, issues: &issues) { rows.append(r) }
        }
        checkStructure(rows, issues: &issues)
        if !issues.isEmpty { throw NONMEMImportError(fileName: fileName, issues: issues.issues, totalIssues: issues.total) }

        let name = options.studyName ?? (fileName as NSString).deletingPathExtension
        let units = StudyUnits(time: options.timeUnit, amount: options.amountUnit, concentration: options.dvUnit)
        var builder = NONMEMStudyBuilder(rows: rows, columns: columns, fileName: fileName)
        builder.report.ignoredRows = ignored
        let (subjects, labels) = builder.build()
        var report = builder.report
        report.units = units
        report.ignoredRows.sort { $0.row < $1.row }
        return NONMEMImport(study: Study(name: name, subjects: subjects, units: units), columns: columnNames,
                            records: records, report: report, labels: labels)
    }

    /// Subject contiguity, time order within a subject (a reset, EVID 3/4, may go back in time) and exact duplicates
    /// (identical rows of one subject within one occasion).
    static func checkStructure(_ rows: [NONMEMRow], issues: inout NONMEMIssueList) {
        var blocks: [String: (first: Int, last: Int)] = [:]
        var previous: NONMEMRow? = nil
        var seenValues: [[String]: Int] = [:]
        for r in rows {
            if let p = previous, p.id == r.id {
                if r.time < p.time && !r.isReset {
                    issues.add(NONMEMIssue(kind: .timeBackwards, row: r.row, subject: r.id, column: "TIME",
                                           message: "TIME goes backwards (\(fmt(r.time)) after \(fmt(p.time)))", hint: "sort by ID, TIME"))
                }
            } else {
                seenValues = [:]
                if let block = blocks[r.id] {
                    let earlier = block.first == block.last ? "row \(block.first)" : "rows \(block.first)–\(block.last)"
                    issues.add(NONMEMIssue(kind: .nonContiguousSubject, row: r.row, subject: r.id, column: "ID",
                                           message: "ID \(r.id) appears again after other subjects (its \(earlier) come\(block.first == block.last ? "s" : "") earlier)",
                                           hint: "keep each subject's rows together: sort by ID, TIME"))
                }
            }
            if r.isReset { seenValues = [:] }
            if let first = seenValues[r.values] {
                issues.add(NONMEMIssue(kind: .duplicateRecord, row: r.row, subject: r.id,
                                       message: "duplicate of row \(first)", hint: "remove one of the two rows"))
            } else {
                seenValues[r.values] = r.row
            }
            let start = blocks[r.id]?.first ?? r.row
            blocks[r.id] = (start, r.row)
            previous = r
        }
    }
}

import Foundation
