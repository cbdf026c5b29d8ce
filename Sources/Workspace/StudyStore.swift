import Foundation
import GRDB
import PKData

/// Studies in the workspace: a `Study` with its subjects, doses, observations and covariates,
/// optionally with the raw records it was read from (for export) and its import report (for describe).
/// Each write is one transaction.
public struct StudyStore {
    let access: DatabaseAccess

    /// Saves a new study. Throws when the name is taken. `records` (when given) are stored as
    /// event rows: each dose/observation carries the cells of the record it came from (matched by row);
    /// records that became neither are kept as plain records.
    @discardableResult
    public func save(_ study: Study, records: RawRecords? = nil, source: String? = nil,
                     report: String? = nil) throws -> StudySummary {
        try access.write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM studies WHERE name = ?", arguments: [study.name]) != nil {
                throw WorkspaceError("study '\(study.name)' already exists",
                                     hint: "choose another name with --name, or `study delete \(study.name)` first")
            }
            let columns = try records.map { try JSONText.encode($0.columns) }
            try db.execute(sql: """
                INSERT INTO studies (name, source, columns, units, report, created) VALUES (?, ?, ?, ?, ?, ?)
                """, arguments: [study.name, source, columns, try JSONText.encode(study.units), report,
                                 WorkspaceClock.string(Date())])
            let studyID = db.lastInsertedRowID
            var pending: [Int: [String]] = [:]
            for r in records?.rows ?? [] { pending[r.row] = r.cells }
            func takeCells(_ row: Int?) -> String? {
                guard let row, let cells = pending.removeValue(forKey: row) else { return nil }
                return JSONText.encodeStrings(cells)
            }
            let insertDose = try db.cachedStatement(sql: """
                INSERT INTO events (study_id, subject_id, row_number, kind, time, amount, route, duration,
                                    compartment, steady_state, interval, cells)
                VALUES (?, ?, ?, 'dose', ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertObservation = try db.cachedStatement(sql: """
                INSERT INTO events (study_id, subject_id, row_number, kind, time, value, output, censored, lloq, cells)
                VALUES (?, ?, ?, 'observation', ?, ?, ?, ?, ?, ?)
                """)
            let insertCovariate = try db.cachedStatement(sql: "INSERT INTO covariates (subject_id, name, time, value) VALUES (?, ?, ?, ?)")
            for (position, subject) in study.subjects.enumerated() {
                try db.execute(sql: "INSERT INTO subjects (study_id, position, subject) VALUES (?, ?, ?)",
                               arguments: [studyID, position, subject.id])
                let subjectID = db.lastInsertedRowID
                for d in subject.doses {
                    try insertDose.execute(arguments: [studyID, subjectID, d.row, d.time, d.amount, d.route.rawValue,
                                                       d.duration, d.compartment, d.steadyState, d.interval, takeCells(d.row)])
                }
                for o in subject.observations {
                    try insertObservation.execute(arguments: [studyID, subjectID, o.row, o.time, o.value, o.output,
                                                              o.censored, o.lloq, takeCells(o.row)])
                }
                for name in subject.covariates.keys.sorted() {
                    try insertCovariate.execute(arguments: [subjectID, name, nil, subject.covariates[name]!])
                }
                for name in subject.timeVaryingCovariates.keys.sorted() {
                    for c in subject.timeVaryingCovariates[name]! {
                        try insertCovariate.execute(arguments: [subjectID, name, c.time, c.value])
                    }
                }
            }
            for row in pending.keys.sorted() {
                try db.execute(sql: "INSERT INTO events (study_id, row_number, kind, cells) VALUES (?, ?, 'record', ?)",
                               arguments: [studyID, row, JSONText.encodeStrings(pending[row]!)])
            }
            return try Self.summary(db, id: studyID)!
        }
    }

    /// All studies, by name.
    public func list() throws -> [StudySummary] {
        try access.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM studies ORDER BY name").compactMap { try Self.summary(db, id: $0) }
        }
    }

    public func names() throws -> [String] {
        try access.read { db in try String.fetchAll(db, sql: "SELECT name FROM studies ORDER BY name") }
    }

    public func summary(named name: String) throws -> StudySummary? {
        try access.read { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM studies WHERE name = ?", arguments: [name])
            else { return nil }
            return try Self.summary(db, id: id)
        }
    }

    /// The study as saved (subjects in saved order; doses and observations in saved order), or nil.
    public func load(named name: String) throws -> Study? {
        try access.read { db in try StudyStore.loadStudy(db, name: name) }
    }

    /// The study with only subject `id` (its `subjects` empty when there is no such subject), or nil
    /// when there is no such study. Cheaper than `load` for one subject of a large study.
    public func load(named name: String, subject id: String) throws -> Study? {
        try access.read { db in try StudyStore.loadStudy(db, name: name, subject: id) }
    }

    /// The raw records kept with the study, in original row order (nil when it has none).
    public func records(named name: String) throws -> RawRecords? {
        try access.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT id, columns FROM studies WHERE name = ?", arguments: [name]),
                  let columnsJSON: String = row["columns"] else { return nil }
            let id: Int64 = row["id"]
            let columns = try JSONText.decode([String].self, columnsJSON)
            let rows = try Row.fetchAll(db, sql: """
                SELECT row_number, cells FROM events WHERE study_id = ? AND cells IS NOT NULL ORDER BY row_number
                """, arguments: [id])
            return RawRecords(columns: columns, rows: try rows.map {
                RawRecord(row: $0["row_number"], cells: try JSONText.decodeStrings($0["cells"]))
            })
        }
    }

    /// The import report stored with the study (nil when none).
    public func report(named name: String) throws -> String? {
        try access.read { db in
            try String.fetchOne(db, sql: "SELECT report FROM studies WHERE name = ?", arguments: [name])
        }
    }

    /// Subject IDs of a study in saved order (empty when the study does not exist).
    public func subjectIDs(named name: String) throws -> [String] {
        try access.read { db in
            try String.fetchAll(db, sql: """
                SELECT s.subject FROM subjects s JOIN studies t ON t.id = s.study_id WHERE t.name = ? ORDER BY s.position
                """, arguments: [name])
        }
    }

    /// Deletes a study with everything it owns; returns false when there was none of that name.
    @discardableResult
    public func delete(named name: String) throws -> Bool {
        try access.write { db in
            try db.execute(sql: "DELETE FROM studies WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }
}
