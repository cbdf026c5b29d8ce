import Foundation
import PKData
import Workspace

/// `study list|show|export|delete`.
extension Session {
    /// The stored study NAME, or an error naming it with a suggestion.
    public func requireStudy(_ name: String) throws -> Study {
        if let study = try wrap({ try workspace.studies.load(named: name) }) { return study }
        throw try unknownStudy(name)
    }

    func unknownStudy(_ name: String) throws -> WorkbenchError {
        let names = try studyNames()
        let hint = EditDistance.suggestions(for: name, among: names).first.map { "did you mean '\($0)'?" }
            ?? (names.isEmpty ? "import one with `study import FILE`" : "`study list` shows the studies")
        return WorkbenchError("unknown study '\(name)'", hint: hint)
    }

    /// `study list`: one row per study.
    public func studyList() throws -> CommandResult {
        var t = Table(columns: ["name", "subjects", "doses", "observations", "records", "time", "amount", "DV", "source"])
        for s in try wrap({ try workspace.studies.list() }) {
            t.append([.text(s.name), .integer(s.subjects), .integer(s.doses), .integer(s.observations), .integer(s.records),
                      .text(s.units.time ?? ""), .text(s.units.amount ?? ""), .text(s.units.concentration ?? ""),
                      .text(s.source ?? "")])
        }
        return .table(t)
    }

    /// `study show NAME`: one row per subject; with `subject`: that subject's doses and observations by time.
    public func studyShow(_ name: String, subject: String? = nil) throws -> CommandResult {
        guard let subjectID = subject else {
            let study = try requireStudy(name)
            let covariateNames = Array(Set(study.subjects.flatMap { $0.covariates.keys })).sorted()
            var t = Table(title: "\(study.name): \(study.subjects.count) subjects",
                          columns: ["ID", "doses", "observations", "first dose", "route", "amount"] + covariateNames)
            for s in study.subjects {
                let first = s.doses.first
                t.append([.text(s.id), .integer(s.doses.count), .integer(s.observations.count),
                          .optional(first?.time), .text(first?.route.rawValue ?? ""), .optional(first?.amount)]
                         + covariateNames.map { .optional(s.covariates[$0]) })
            }
            return .table(t)
        }
        let (study, s) = try requireStudy(name, subject: subjectID)
        let covariates = s.covariates.keys.sorted().map { "\($0)=\(Cell.number(s.covariates[$0]!).display)" }
        let title = "\(study.name), subject \(s.id)" + (covariates.isEmpty ? "" : " (" + covariates.joined(separator: ", ") + ")")
        var t = Table(title: title, columns: ["time", "event", "amount", "DV", "output", "route", "duration", "row"])
        // A dose without a row is an expanded ADDL dose in an imported study; simulated studies have no rows.
        let fromFile = s.observations.contains { $0.row != nil } || s.doses.contains { $0.row != nil }
        var events: [(time: Double, order: Int, cells: [Cell])] = []
        for d in s.doses {
            events.append((d.time, 1, [.number(d.time), .text(d.steadyState ? "dose (SS)" : "dose"), .number(d.amount), .empty,
                                       .empty, .text(d.route.rawValue), d.isInfusion ? .number(d.duration) : .empty,
                                       d.row.map { .integer($0) } ?? (fromFile ? .text("ADDL") : .empty)]))
        }
        for o in s.observations {
            events.append((o.time, 0, [.number(o.time), .text(o.censored ? "BLQ" : "observation"), .empty, .number(o.value),
                                       .integer(o.output), .empty, .empty, o.row.map { .integer($0) } ?? .empty]))
        }
        for e in events.sorted(by: { $0.time != $1.time ? $0.time < $1.time : $0.order < $1.order }) { t.append(e.cells) }
        return .table(t)
    }

    /// Study NAME loaded with only subject `id` (fast for one subject of a large study), or an error
    /// naming the study or the subject with a suggestion.
    public func requireStudy(_ name: String, subject id: String) throws -> (study: Study, subject: Subject) {
        guard let study = try wrap({ try workspace.studies.load(named: name, subject: id) }) else { throw try unknownStudy(name) }
        if let s = study.subjects.first { return (study, s) }
        var all = study
        all.subjects = try subjectIDs(study: name).map { Subject(id: $0) }
        return (study, try requireSubject(id, in: all))
    }

    /// The subject `id` of `study`, or an error naming both with a suggestion.
    public func requireSubject(_ id: String, in study: Study) throws -> Subject {
        if let s = study.subject(id: id) { return s }
        let ids = study.subjects.map(\.id)
        let hint = EditDistance.suggestions(for: id, among: ids).first.map { "did you mean '\($0)'?" }
            ?? "subjects are " + ids.prefix(8).joined(separator: ", ") + (ids.count > 8 ? ", …" : "")
        throw WorkbenchError("unknown subject '\(id)' in study '\(study.name)'", hint: hint)
    }

    /// `study export NAME FILE`: the imported records as they were read (same header, same rows), or a
    /// canonical NONMEM table for studies without records.
    public func studyExport(_ name: String, to file: String) throws -> CommandResult {
        let text: String
        let count: Int
        if let records = try wrap({ try workspace.studies.records(named: name) }) {
            text = NONMEMWriter.write(columns: records.columns,
                                      records: records.rows.map { NONMEMRecord(row: $0.row, values: $0.cells) })
            count = records.rows.count
        } else {
            text = NONMEMWriter.write(study: try requireStudy(name))
            count = text.split(separator: "\n").count - 1
        }
        do {
            try text.write(to: url(for: file), atomically: true, encoding: .utf8)
        } catch {
            throw WorkbenchError("cannot write '\(file)': \(error.localizedDescription)", hint: "check that the directory exists and is writable")
        }
        return .text("exported \(count) records of \(name) to \(file)")
    }

    /// `study delete NAME`.
    public func studyDelete(_ name: String) throws -> CommandResult {
        guard try wrap({ try workspace.studies.delete(named: name) }) else { throw try unknownStudy(name) }
        if activeStudy == name { activeStudy = nil }
        return .text("deleted \(name)")
    }
}
