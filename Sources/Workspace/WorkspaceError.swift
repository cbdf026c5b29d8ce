/// An error from the workspace: what failed (with the object or SQL involved) and one hint.
public struct WorkspaceError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) { self.message = message; self.hint = hint }
    public var description: String { message }
}
