import Foundation
import GRDB

/// Training runs. `start` records a run as "running"; `update` records progress and the end.
public struct RunStore {
    let access: DatabaseAccess

    @discardableResult
    public func start(modelID: Int64?, kind: RunRecord.Kind, command: String, seed: UInt64) throws -> RunRecord {
        try access.write { db in
            try db.execute(sql: """
                INSERT INTO runs (model_id, kind, command, seed, steps, status, loss_curve, started)
                VALUES (?, ?, ?, ?, 0, 'running', '[]', ?)
                """, arguments: [modelID, kind.rawValue, command, Int64(bitPattern: seed), WorkspaceClock.string(Date())])
            return try Self.fetch(db, db.lastInsertedRowID)!
        }
    }

    /// Records steps done, status and loss curve; `finished` marks the end of the run.
    public func update(id: Int64, modelID: Int64? = nil, steps: Int, status: String, lossCurve: [Double],
                       finished: Date? = nil) throws {
        try access.write { db in
            try db.execute(sql: """
                UPDATE runs SET model_id = COALESCE(?, model_id), steps = ?, status = ?, loss_curve = ?, finished = ?
                WHERE id = ?
                """, arguments: [modelID, steps, status, try JSONText.encode(lossCurve),
                                 finished.map(WorkspaceClock.string), id])
            if db.changesCount == 0 { throw WorkspaceError("unknown run \(id)", hint: "`model show` lists a model's runs") }
        }
    }

    public func load(id: Int64) throws -> RunRecord? {
        try access.read { db in try Self.fetch(db, id) }
    }

    /// Runs in id order, of one model when given.
    public func list(modelID: Int64? = nil) throws -> [RunRecord] {
        try access.read { db in
            let rows = modelID == nil
                ? try Row.fetchAll(db, sql: "SELECT * FROM runs ORDER BY id")
                : try Row.fetchAll(db, sql: "SELECT * FROM runs WHERE model_id = ? ORDER BY id", arguments: [modelID])
            return try rows.map(Self.record)
        }
    }

    static func fetch(_ db: Database, _ id: Int64) throws -> RunRecord? {
        try Row.fetchOne(db, sql: "SELECT * FROM runs WHERE id = ?", arguments: [id]).map(record)
    }

    static func record(_ r: Row) throws -> RunRecord {
        RunRecord(id: r["id"], modelID: r["model_id"], kind: RunRecord.Kind(rawValue: r["kind"]) ?? .pretrain,
                  command: r["command"], seed: UInt64(bitPattern: r["seed"]), steps: r["steps"], status: r["status"],
                  lossCurve: try JSONText.decode([Double].self, r["loss_curve"]),
                  started: WorkspaceClock.date(r["started"]),
                  finished: (r["finished"] as String?).map(WorkspaceClock.date))
    }
}
