import Foundation
import Workspace

/// The state of one working session: the open workspace, the active study and model, the seed and
/// free-form settings. Commands are functions on `Session` (one file per verb, `Session+Verb.swift`),
/// each returning a `CommandResult` or throwing a `WorkbenchError`; none of them touch a terminal.
public final class Session {
    public private(set) var workspace: Workspace
    /// The history session number of this session in the open workspace.
    public private(set) var historySession: Int64
    /// The study commands default to when NAME is omitted (set by `study import`).
    public var activeStudy: String?
    public var activeModel: String?
    /// Seed for every random draw of a command (`.seed N`); the same seed and workspace give the same numbers.
    public var seed: UInt64 = 0
    /// Named settings other verbs may keep for the session (e.g. a default forecaster).
    public var settings: [String: String] = [:]
    /// The plugin registry, built on first use by `registry()` (Session+Plugins.swift); reset by `open`.
    var registryCache: Registry?
    /// Manifests skipped while building the registry, shown once by the next plugin command.
    var registryNotes: [String] = []
    /// Polled by long commands through `checkCancelled()`.
    public let cancellation: CancellationFlag
    /// Base for relative paths in commands.
    public var workingDirectory: URL
    /// Run (in order) on a workspace file that this session creates; see `WorkspaceInitialiser`.
    public let initialisers: [WorkspaceInitialiser]

    /// Opens the workspace at `workspacePath` (relative to `workingDirectory`), creating it when missing;
    /// on a new file runs `initialisers` in order.
    public init(workspacePath: String,
                workingDirectory: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                initialisers: [WorkspaceInitialiser] = WorkspaceInitialisers.onNewWorkspace,
                cancellation: CancellationFlag = CancellationFlag()) throws {
        self.workingDirectory = workingDirectory
        self.cancellation = cancellation
        self.initialisers = initialisers
        let (ws, history) = try Session.openWorkspace(Session.resolve(workspacePath, in: workingDirectory).path)
        workspace = ws
        historySession = history
        try runInitialisersIfNew()
    }

    /// Switches to another workspace file (`.open PATH`): a new history session there; the active
    /// study and model are cleared.
    public func open(workspacePath: String) throws {
        let (ws, history) = try Session.openWorkspace(url(for: workspacePath).path)
        workspace = ws
        historySession = history
        activeStudy = nil
        activeModel = nil
        registryCache = nil
        try runInitialisersIfNew()
    }

    /// `path` resolved against the working directory (absolute paths unchanged; `~` expanded).
    public func url(for path: String) -> URL { Session.resolve(path, in: workingDirectory) }

    static func resolve(_ path: String, in directory: URL) -> URL {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") { return URL(fileURLWithPath: expanded).standardizedFileURL }
        return directory.appendingPathComponent(expanded).standardizedFileURL
    }

    /// Throws `WorkbenchError.cancelled` once the cancellation flag is set (call it in long loops).
    public func checkCancelled() throws {
        if cancellation.isCancelled { throw WorkbenchError.cancelled }
    }

    /// Records one executed command in the workspace history of this session.
    public func recordHistory(command: String, error: WorkbenchError?, started: Date, finished: Date) throws {
        try workspace.history.append(session: historySession, command: command, status: error == nil ? .ok : .error,
                                     message: error?.message, started: started, finished: finished)
    }

    private static func openWorkspace(_ path: String) throws -> (Workspace, Int64) {
        do {
            let ws = try Workspace(path: path)
            return (ws, try ws.history.newSession())
        } catch {
            throw WorkbenchError.from(error)
        }
    }

    private func runInitialisersIfNew() throws {
        guard workspace.isNew else { return }
        for initialiser in initialisers {
            do {
                try initialiser.run(self)
            } catch {
                let e = WorkbenchError.from(error)
                throw WorkbenchError("setting up the new workspace failed in '\(initialiser.name)': \(e.message)", hint: e.hint)
            }
        }
    }
}
