import Workspace

/// An error of a command: what failed (naming the object: file and row, subject, column, plugin id)
/// and one hint. The Shell prints `message` (prefixed with `file:line:` in scripts) and the hint.
public struct WorkbenchError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) { self.message = message; self.hint = hint }
    public var description: String { message }

    /// The command was interrupted (Ctrl-C) and left the workspace unchanged.
    public static let cancelled = WorkbenchError("cancelled", hint: nil)

    /// Any error as a WorkbenchError (workspace errors keep their message and hint).
    public static func from(_ error: Error) -> WorkbenchError {
        switch error {
        case let e as WorkbenchError: return e
        case let e as WorkspaceError: return WorkbenchError(e.message, hint: e.hint)
        default:
            return WorkbenchError(String(describing: error))
        }
    }
}
