import Foundation
import Workspace

/// `history`: the commands of every session of this workspace.
extension Session {
    /// Path of the open workspace file.
    public var workspacePath: String { workspace.path }

    /// `history [--session N] [--limit N] [--verbose]`: id (what ranges refer to), session, status,
    /// command; `verbose` adds the start time (UTC) and the duration in seconds.
    public func historyList(session: Int64? = nil, limit: Int? = nil, verbose: Bool = false) throws -> CommandResult {
        if let limit, limit < 1 { throw WorkbenchError("--limit must be at least 1, not \(limit)", hint: "e.g. history --limit 20") }
        let entries = try wrap { try workspace.history.entries(session: session, limit: limit) }
        var t = Table(columns: ["id", "session", "status"] + (verbose ? ["started", "seconds"] : []) + ["command"])
        let format = ISO8601DateFormatter()
        for e in entries {
            let times: [Cell] = verbose ? [.text(format.string(from: e.started)), .number(e.duration, digits: 3)] : []
            t.append([.integer(Int(e.id)), .integer(Int(e.session)), .text(e.status.rawValue)] + times + [.text(e.command)])
        }
        return .table(t)
    }

    /// The commands whose ids lie in RANGE ("12" or "12-19"), in order, for `history replay`.
    /// Lines that are themselves `history replay` are left out (a replay does not recurse).
    public func historyCommands(range: String) throws -> [(id: Int64, command: String)] {
        let ids = try Session.parseHistoryRange(range)
        let entries = try wrap { try workspace.history.entries(ids: ids) }
        if entries.isEmpty {
            throw WorkbenchError("no history entries in range \(range)", hint: "`history` lists the entries with their ids")
        }
        return entries.filter { !$0.command.hasPrefix("history replay") }.map { ($0.id, $0.command) }
    }

    /// `history save RANGE FILE`: writes the commands of RANGE to FILE, one per line, as a script.
    public func historySave(range: String, file: String) throws -> CommandResult {
        let commands = try historyCommands(range: range)
        let url = url(for: file)
        let text = "# aicmet history \(range) of \(workspace.path)\n" + commands.map { $0.command + "\n" }.joined()
        do {
            try text.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            throw WorkbenchError("cannot write '\(file)': \(error.localizedDescription)", hint: "check that the directory exists and is writable")
        }
        return .text("saved \(commands.count) command\(commands.count == 1 ? "" : "s") to \(file)")
    }

    /// "N" or "N-M" (inclusive, N ≤ M, both ≥ 1).
    static func parseHistoryRange(_ s: String) throws -> ClosedRange<Int64> {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false).map { Int64($0) }
        let bad = WorkbenchError("bad history range '\(s)'", hint: "use N or N-M with ids from `history`, e.g. 3-9")
        switch parts.count {
        case 1:
            guard let a = parts[0], a >= 1 else { throw bad }
            return a...a
        case 2:
            guard let a = parts[0], let b = parts[1], a >= 1, a <= b else { throw bad }
            return a...b
        default:
            throw bad
        }
    }

    /// Runs a workspace call, turning its errors into `WorkbenchError`.
    func wrap<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw WorkbenchError.from(error) }
    }
}

extension Session {
    /// The last `limit` command texts of all sessions, oldest first (to seed line-editor history).
    public func historyCommandTexts(limit: Int) throws -> [String] {
        try wrap { try workspace.history.commands(limit: limit) }
    }
}
