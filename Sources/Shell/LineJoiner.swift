/// Joins physical lines into logical ones: a line whose last non-blank character is `\` continues on
/// the next (the backslash becomes a space), unless that backslash is inside a `#` comment.
/// Feeds physical lines one at a time.
public struct LineJoiner {
    public let source: String?
    private var pending: String?
    private var pendingStart = 0
    private var physical = 0

    public init(source: String?) { self.source = source }

    /// True while a continued line waits for its next part (the REPL shows a continuation prompt).
    public var isContinuing: Bool { pending != nil }

    /// Adds the next physical line; returns a complete logical line when there is one.
    public mutating func feed(_ raw: String) -> ScriptLine? {
        physical += 1
        var text = raw
        if text.hasSuffix("\n") { text.removeLast() }
        if text.hasSuffix("\r") { text.removeLast() }
        if pending == nil { pendingStart = physical }
        let trimmed = text.trimmingTrailingBlanks()
        if trimmed.hasSuffix("\\") && !trimmed.hasSuffix("\\\\") && !LineJoiner.hasComment(trimmed) {
            pending = (pending.map { $0 + " " } ?? "") + String(trimmed.dropLast())
            return nil
        }
        let full = (pending.map { $0 + " " } ?? "") + text
        pending = nil
        return ScriptLine(text: full, source: source, line: pendingStart)
    }

    /// At end of input: the unfinished continued line, if any.
    public mutating func finish() -> ScriptLine? {
        defer { pending = nil }
        return pending.map { ScriptLine(text: $0, source: source, line: pendingStart) }
    }

    /// True when the line has a `#` comment (a `#` starting a word outside quotes).
    static func hasComment(_ line: String) -> Bool {
        var quote: Character?
        var previous: Character = " "
        var escaped = false
        for c in line {
            defer { previous = c }
            if escaped { escaped = false; continue }
            if let q = quote {
                if c == q { quote = nil } else if c == "\\" && q == "\"" { escaped = true }
                continue
            }
            switch c {
            case "\\": escaped = true
            case "'", "\"": quote = c
            case "#" where previous == " " || previous == "\t": return true
            default: break
            }
        }
        return false
    }

    /// Splits a whole script text into logical lines.
    public static func lines(of text: String, source: String?) -> [ScriptLine] {
        var joiner = LineJoiner(source: source)
        var out: [ScriptLine] = []
        var physical = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if text.hasSuffix("\n") { physical.removeLast() }
        for p in physical { if let l = joiner.feed(p) { out.append(l) } }
        if let l = joiner.finish() { out.append(l) }
        return out
    }
}

extension String {
    func trimmingTrailingBlanks() -> String {
        var s = Substring(self)
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return String(s)
    }
}
