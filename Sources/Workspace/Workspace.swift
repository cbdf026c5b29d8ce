import Foundation
import GRDB

/// One workspace: a single SQLite file opened in WAL mode, migrated to the current schema on open.
///
/// Every store method that writes runs in its own transaction; to make several writes atomic,
/// wrap them in `transaction { tx in … }` (a thrown error rolls all of them back).
public final class Workspace {
    /// Absolute path of the SQLite file.
    public let path: String
    /// True when this open created the file (no schema existed before): the caller may seed it.
    public let isNew: Bool
    let pool: DatabasePool

    /// Opens (creating when missing, with its parent directory) and migrates the workspace at `path`.
    public init(path: String) throws {
        let url = URL(fileURLWithPath: path).standardizedFileURL
        self.path = url.path
        let fm = FileManager.default
        do {
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw WorkspaceError("cannot create the directory of workspace '\(url.path)': \(error.localizedDescription)",
                                 hint: "check the path and its permissions")
        }
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        do {
            pool = try DatabasePool(path: url.path, configuration: config)
            let migrator = WorkspaceMigrations.migrator
            let applied = try pool.read { db in try migrator.appliedIdentifiers(db) }
            isNew = applied.isEmpty
            try migrator.migrate(pool)
        } catch let error as WorkspaceError {
            throw error
        } catch {
            throw WorkspaceError("cannot open workspace '\(url.path)': \(error)",
                                 hint: "is it an aicmet workspace (SQLite file) and writable?")
        }
    }

    /// Names of the migrations applied to this file, in order.
    public func appliedMigrations() throws -> [String] {
        try access.read { db in try WorkspaceMigrations.migrator.appliedIdentifiers(db).sorted() }
    }

    var access: DatabaseAccess { .pool(pool) }

    public var studies: StudyStore { StudyStore(access: access) }
    public var history: HistoryStore { HistoryStore(access: access) }
    public var models: ModelStore { ModelStore(access: access) }
    public var runs: RunStore { RunStore(access: access) }
    public var evaluations: EvaluationStore { EvaluationStore(access: access) }
    public var priors: PriorStore { PriorStore(access: access) }

    /// Runs `body` in one write transaction: all its store writes commit together, or none do
    /// when it throws (the error is rethrown unchanged).
    public func transaction<T>(_ body: (WorkspaceTransaction) throws -> T) throws -> T {
        var result: T?
        try DatabaseAccess.wrap {
            try pool.writeWithoutTransaction { db in
                try db.inTransaction {
                    result = try body(WorkspaceTransaction(db: db))
                    return .commit
                }
            }
        }
        return result!
    }
}

extension Workspace {
    /// SQLite's journal mode of this file ("wal" for every workspace).
    public func journalMode() throws -> String {
        try access.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}
