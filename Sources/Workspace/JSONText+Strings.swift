import PKData

/// Fast JSON for the record cells (an array of strings), written and read once per record.
/// The format is plain JSON (`["1","0.5","."]`), so the generic decoder reads it too.
extension JSONText {
    static func encodeStrings(_ values: [String]) -> String {
        var out = "["
        for (i, v) in values.enumerated() {
            if i > 0 { out += "," }
            out += JSONString.quoted(v)
        }
        return out + "]"
    }

    /// Inverse of `encodeStrings` (also accepts any JSON array of strings); throws on anything else.
    static func decodeStrings(_ text: String) throws -> [String] {
        let bad = WorkspaceError("cannot decode stored record cells: \(text.prefix(80))", hint: "the workspace file may be damaged")
        var scalars = Array(text.unicodeScalars)[...]
        func skipBlanks() { while let c = scalars.first, c == " " || c == "\n" || c == "\r" || c == "\t" { scalars.removeFirst() } }
        skipBlanks()
        guard scalars.popFirst() == "[" else { throw bad }
        var values: [String] = []
        skipBlanks()
        if scalars.first == "]" { scalars.removeFirst(); return values }
        while true {
            skipBlanks()
            guard scalars.popFirst() == "\"" else { throw bad }
            var s = String.UnicodeScalarView()
            while true {
                guard let c = scalars.popFirst() else { throw bad }
                if c == "\"" { break }
                if c != "\\" { s.append(c); continue }
                guard let e = scalars.popFirst() else { throw bad }
                switch e {
                case "\"": s.append("\"")
                case "\\": s.append("\\")
                case "/": s.append("/")
                case "n": s.append("\n")
                case "r": s.append("\r")
                case "t": s.append("\t")
                case "b": s.append("\u{08}")
                case "f": s.append("\u{0C}")
                case "u":
                    guard scalars.count >= 4, let v = UInt32(String(String.UnicodeScalarView(scalars.prefix(4))), radix: 16)
                    else { throw bad }
                    scalars.removeFirst(4)
                    var value = v
                    // A surrogate pair (\uD83D\uDE00) is one scalar.
                    if (0xD800..<0xDC00).contains(v), scalars.count >= 6, scalars.first == "\\",
                       let low = UInt32(String(String.UnicodeScalarView(scalars.dropFirst(2).prefix(4))), radix: 16),
                       (0xDC00..<0xE000).contains(low) {
                        scalars.removeFirst(6)
                        value = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(value) else { throw bad }
                    s.append(scalar)
                default: throw bad
                }
            }
            values.append(String(s))
            skipBlanks()
            switch scalars.popFirst() {
            case ",": continue
            case "]":
                skipBlanks()
                guard scalars.isEmpty else { throw bad }
                return values
            default: throw bad
            }
        }
    }
}
