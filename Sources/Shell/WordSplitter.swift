/// Splits one logical command line into words, shell-style:
/// - blanks separate words; `'…'` is literal; `"…"` allows `\"` and `\\`; `\x` outside quotes is `x`;
/// - `#` at the start of a word (outside quotes) comments out the rest of the line.
public enum WordSplitter {
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public static func split(_ line: String) throws -> [String] {
        var words: [String] = []
        var current = ""
        var inWord = false
        var chars = Array(line)[...]
        while let c = chars.popFirst() {
            switch c {
            case " ", "\t", "\r", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            case "#" where !inWord:
                chars = []
            case "'":
                inWord = true
                guard let end = chars.firstIndex(of: "'") else {
                    throw Failure(message: "unterminated quote (') in: \(line)")
                }
                current += chars[chars.startIndex..<end]
                chars = chars[(end + 1)...]
            case "\"":
                inWord = true
                var closed = false
                while let d = chars.popFirst() {
                    if d == "\"" { closed = true; break }
                    if d == "\\", let e = chars.first, e == "\"" || e == "\\" { current.append(e); chars.removeFirst(); continue }
                    current.append(d)
                }
                if !closed { throw Failure(message: "unterminated quote (\") in: \(line)") }
            case "\\":
                inWord = true
                if let e = chars.popFirst() { current.append(e) }
            default:
                inWord = true
                current.append(c)
            }
        }
        if inWord { words.append(current) }
        return words
    }

    /// Quotes a word so that `split` gives it back unchanged (used when writing commands to scripts).
    public static func quote(_ word: String) -> String {
        if !word.isEmpty, word.allSatisfy({ $0.isLetter || $0.isNumber || "-_./:=,+@%".contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
