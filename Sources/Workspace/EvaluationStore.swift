import Foundation
import GRDB

/// Evaluations, append-only.
public struct EvaluationStore {
    let access: DatabaseAccess

    @discardableResult
    public func save(study: String, forecasters: [String], settings: String, results: String) throws -> EvaluationRecord {
        try access.write { db in
            try db.execute(sql: """
                INSERT INTO evaluations (study, forecasters, settings, results, created) VALUES (?, ?, ?, ?, ?)
                """, arguments: [study, try JSONText.encode(forecasters), settings, results, WorkspaceClock.string(Date())])
            return try Self.fetch(db, db.lastInsertedRowID)!
        }
    }

    public func load(id: Int64) throws -> EvaluationRecord? {
        try access.read { db in try Self.fetch(db, id) }
    }

    /// Evaluations in id order, of one study when given.
    public func list(study: String? = nil) throws -> [EvaluationRecord] {
        try access.read { db in
            let rows = study == nil
                ? try Row.fetchAll(db, sql: "SELECT * FROM evaluations ORDER BY id")
                : try Row.fetchAll(db, sql: "SELECT * FROM evaluations WHERE study = ? ORDER BY id", arguments: [study])
            return try rows.map(Self.record)
        }
    }

    static func fetch(_ db: Database, _ id: Int64) throws -> EvaluationRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM evaluations WHERE id = ?", arguments: [id]).map(record)
    }

    static func record(_ r: Row) throws -> EvaluationRecord {
        EvaluationRecord(id: r["id"], study: r["study"], forecasters: try JSONText.decode([String].self, r["forecasters"]),
                         settings: r["settings"], results: r["results"], created: WorkspaceClock.date(r["created"]))
    }
}
