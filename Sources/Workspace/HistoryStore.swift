import Foundation
import GRDB

/// Every command of every session. A session number is allocated with `newSession()`.
public struct HistoryStore {
    let access: DatabaseAccess

    /// Allocates a new session number (1, 2, …; unique even with several shells on one workspace).
    public func newSession() throws -> Int64 {
        try access.write { db in
            try db.execute(sql: "INSERT INTO sessions (started) VALUES (?)", arguments: [WorkspaceClock.string(Date())])
            return db.lastInsertedRowID
        }
    }

    /// Appends one command to `session` (its sequence is the next in that session).
    @discardableResult
    public func append(session: Int64, command: String, status: HistoryEntry.Status, message: String? = nil,
                       started: Date, finished: Date) throws -> HistoryEntry {
        try access.write { db in
            let sequence = (try Int.fetchOne(db, sql: "SELECT MAX(sequence) FROM history WHERE session = ?",
                                             arguments: [session]) ?? 0) + 1
            let duration = max(0, finished.timeIntervalSince(started))
            try db.execute(sql: """
                INSERT INTO history (session, sequence, command, status, message, started, finished, duration)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [session, sequence, command, status.rawValue, message,
                                 WorkspaceClock.string(started), WorkspaceClock.string(finished), duration])
            return HistoryEntry(id: db.lastInsertedRowID, session: session, sequence: sequence, command: command,
                                status: status, message: message, started: started, finished: finished,
                                duration: duration)
        }
    }

    /// Entries in id order; filtered by session when given; `limit` keeps the last N.
    public func entries(session: Int64? = nil, limit: Int? = nil) throws -> [HistoryEntry] {
        try access.read { db in
            var sql = "SELECT * FROM history"
            var args: [DatabaseValueConvertible?] = []
            if let session { sql += " WHERE session = ?"; args.append(session) }
            sql += " ORDER BY id DESC"
            if let limit { sql += " LIMIT ?"; args.append(limit) }
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(args)).map(Self.entry).reversed()
        }
    }

    /// Entries whose id lies in `ids` (inclusive), in id order.
    public func entries(ids: ClosedRange<Int64>) throws -> [HistoryEntry] {
        try access.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM history WHERE id BETWEEN ? AND ? ORDER BY id",
                             arguments: [ids.lowerBound, ids.upperBound]).map(Self.entry)
        }
    }

    /// Just the command texts, oldest first (to seed line-editor history).
    public func commands(limit: Int) throws -> [String] {
        try access.read { db in
            try String.fetchAll(db, sql: "SELECT command FROM history ORDER BY id DESC LIMIT ?", arguments: [limit]).reversed()
        }
    }

    static func entry(_ row: Row) -> HistoryEntry {
        HistoryEntry(id: row["id"], session: row["session"], sequence: row["sequence"], command: row["command"],
                     status: HistoryEntry.Status(rawValue: row["status"]) ?? .error, message: row["message"],
                     started: WorkspaceClock.date(row["started"]), finished: WorkspaceClock.date(row["finished"]),
                     duration: row["duration"])
    }
}
