/// One logical line of the command language, with where it came from (for `file:line:` errors).
public struct ScriptLine: Hashable, Sendable {
    public var text: String
    /// Script name as shown in errors ("notebooks/theo.aicmet", "<stdin>", "-c"); nil when typed at the prompt.
    public var source: String?
    /// 1-based number of the line's first physical line.
    public var line: Int

    public init(text: String, source: String? = nil, line: Int = 1) {
        self.text = text; self.source = source; self.line = line
    }

    /// "file:line" or nil when interactive.
    public var location: String? { source.map { "\($0):\(line)" } }
}
