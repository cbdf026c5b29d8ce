import Foundation
import GRDB

/// Models by unique name. Each write is one transaction.
public struct ModelStore {
    let access: DatabaseAccess

    /// Saves a new model; throws when the name is taken.
    @discardableResult
    public func save(name: String, spec: String, plugins: String, weights: Data?, parentID: Int64? = nil,
                     metrics: String? = nil) throws -> ModelRecord {
        try access.write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM models WHERE name = ?", arguments: [name]) != nil {
                throw WorkspaceError("model '\(name)' already exists", hint: "choose another name, or delete the old model first")
            }
            try db.execute(sql: """
                INSERT INTO models (name, spec, plugins, weights, parent_id, metrics, created) VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [name, spec, plugins, weights, parentID, metrics, WorkspaceClock.string(Date())])
            return try Self.fetch(db, sql: "SELECT * FROM models WHERE id = ?", db.lastInsertedRowID)!
        }
    }

    /// Replaces the weights (and the spec and metrics when given) of an existing model; throws when it does
    /// not exist.
    public func update(name: String, weights: Data?, spec: String? = nil, metrics: String? = nil) throws {
        try access.write { db in
            try db.execute(sql: "UPDATE models SET weights = ?, spec = COALESCE(?, spec), metrics = COALESCE(?, metrics) WHERE name = ?",
                           arguments: [weights, spec, metrics, name])
            if db.changesCount == 0 {
                throw WorkspaceError("unknown model '\(name)'", hint: "`model list` shows the models of this workspace")
            }
        }
    }

    public func load(named name: String) throws -> ModelRecord? {
        try access.read { db in try Self.fetch(db, sql: "SELECT * FROM models WHERE name = ?", name) }
    }

    public func load(id: Int64) throws -> ModelRecord? {
        try access.read { db in try Self.fetch(db, sql: "SELECT * FROM models WHERE id = ?", id) }
    }

    /// All models by name (weights included).
    public func list() throws -> [ModelRecord] {
        try access.read { db in try Row.fetchAll(db, sql: "SELECT * FROM models ORDER BY name").map(Self.record) }
    }

    public func names() throws -> [String] {
        try access.read { db in try String.fetchAll(db, sql: "SELECT name FROM models ORDER BY name") }
    }

    @discardableResult
    public func delete(named name: String) throws -> Bool {
        try access.write { db in
            try db.execute(sql: "DELETE FROM models WHERE name = ?", arguments: [name])
            return db.changesCount > 0
        }
    }

    static func fetch(_ db: Database, sql: String, _ key: DatabaseValueConvertible) throws -> ModelRecord? {
        try Row.fetchOne(db, sql: sql, arguments: [key]).map(record)
    }

    static func record(_ r: Row) -> ModelRecord {
        ModelRecord(id: r["id"], name: r["name"], spec: r["spec"], plugins: r["plugins"], weights: r["weights"],
                    parentID: r["parent_id"], metrics: r["metrics"], created: WorkspaceClock.date(r["created"]))
    }
}
