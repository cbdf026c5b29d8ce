import Foundation
import GRDB

/// Prior manifests by plugin id. A duplicate id is an error, not an overwrite.
public struct PriorStore {
    let access: DatabaseAccess

    @discardableResult
    public func save(id: String, manifest: String) throws -> PriorRecord {
        try access.write { db in
            if try String.fetchOne(db, sql: "SELECT id FROM priors WHERE id = ?", arguments: [id]) != nil {
                throw WorkspaceError("prior '\(id)' already exists in the workspace", hint: "give the manifest another id")
            }
            try db.execute(sql: "INSERT INTO priors (id, manifest, created) VALUES (?, ?, ?)",
                           arguments: [id, manifest, WorkspaceClock.string(Date())])
            return try Self.fetch(db, id)!
        }
    }

    public func load(id: String) throws -> PriorRecord? {
        try access.read { db in try Self.fetch(db, id) }
    }

    public func list() throws -> [PriorRecord] {
        try access.read { db in try Row.fetchAll(db, sql: "SELECT * FROM priors ORDER BY id").map(Self.record) }
    }

    @discardableResult
    public func delete(id: String) throws -> Bool {
        try access.write { db in
            try db.execute(sql: "DELETE FROM priors WHERE id = ?", arguments: [id])
            return db.changesCount > 0
        }
    }

    static func fetch(_ db: Database, _ id: String) throws -> PriorRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM priors WHERE id = ?", arguments: [id]).map(record)
    }

    static func record(_ r: Row) -> PriorRecord {
        PriorRecord(id: r["id"], manifest: r["manifest"], created: WorkspaceClock.date(r["created"]))
    }
}
