import GRDB

/// How a store reaches the database: through the pool (each write its own transaction) or
/// inside a transaction already open (`Workspace.transaction`).
enum DatabaseAccess {
    case pool(DatabasePool)
    case transaction(Database)

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.wrap {
            switch self {
            case .pool(let pool):
                var result: T?
                try pool.writeWithoutTransaction { db in
                    try db.inTransaction {
                        result = try body(db)
                        return .commit
                    }
                }
                return result!
            case .transaction(let db):
                return try body(db)
            }
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try Self.wrap {
            switch self {
            case .pool(let pool):
                var result: T?
                try pool.read { db in result = try body(db) }
                return result!
            case .transaction(let db):
                return try body(db)
            }
        }
    }

    /// Turns GRDB errors into `WorkspaceError` (carrying the SQL); other errors pass unchanged.
    static func wrap<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            var message = "workspace database error: \(error.message ?? "SQLite code \(error.resultCode)")"
            if let sql = error.sql { message += " (SQL: \(sql))" }
            throw WorkspaceError(message, hint: "the workspace file may be locked by another process or damaged")
        }
    }
}
