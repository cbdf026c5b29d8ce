/// An error of the shell itself (dot-commands, parsing): message plus an optional hint, and
/// optional extra lines (e.g. a usage) printed after them.
public struct ShellFailure: Error, CustomStringConvertible, Equatable {
    public var message: String
    public var hint: String?
    public var details: String?
    public init(_ message: String, hint: String? = nil, details: String? = nil) {
        self.message = message; self.hint = hint; self.details = details
    }
    public var description: String { message }
}
