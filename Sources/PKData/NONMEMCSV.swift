/// Line-level CSV handling for NONMEM data files.
///
/// Contract: one record per physical line (`\n`, `\r\n` or `\r`); fields separated by commas; a field may be
/// wrapped in double quotes (then it may contain commas, and `""` stands for one quote). Quoted fields that span
/// lines are not supported. Field text is kept as written (quotes removed, surrounding spaces kept) so that
/// an export can reproduce it; numeric interpretation trims spaces.
enum NONMEMCSV {
    /// Splits text into lines, dropping one trailing empty line (the final newline).
    static func lines(_ text: String) -> [Substring] {
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        if let last = lines.last, last.isEmpty { lines.removeLast() }
        return lines
    }

    /// Splits one line into fields.
    static func fields(_ line: Substring) -> [String] {
        var fields: [String] = []
        var current = ""
        var inQuotes = false
        var iterator = line.makeIterator()
        var pending: Character? = nil
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let n = iterator.next() {
                        if n == "\"" { current.append("\"") } else { inQuotes = false; pending = n }
                    } else { inQuotes = false }
                } else { current.append(c) }
            } else if c == "," {
                fields.append(current); current = ""
            } else if c == "\"" && current.allSatisfy({ $0 == " " }) {
                inQuotes = true; current = ""
            } else {
                current.append(c)
            }
        }
        fields.append(current)
        return fields
    }

    /// Quotes a field for output when it contains a comma, a quote or a line break.
    static func escape(_ field: String) -> String {
        guard field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// True for NONMEM's missing-value spellings: empty, blanks, or `.`.
    static func isMissing(_ field: String) -> Bool {
        let t = field.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t == "."
    }

    /// Strict decimal parse: `[+-]digits[.digits][e[+-]digits]` after trimming spaces; finite values only.
    /// Rejects `nan`, `inf`, hex and anything else Swift's `Double(_:)` would accept beyond plain decimals.
    static func number(_ field: String) -> Double? {
        let t = field.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        var sawDigit = false, sawDot = false, sawExp = false, expDigit = false
        var prev: Character = " "
        for (i, c) in t.enumerated() {
            switch c {
            case "0"..."9":
                if sawExp { expDigit = true } else { sawDigit = true }
            case "+", "-":
                guard i == 0 || prev == "e" || prev == "E" else { return nil }
            case ".":
                guard !sawDot, !sawExp else { return nil }
                sawDot = true
            case "e", "E":
                guard sawDigit, !sawExp else { return nil }
                sawExp = true
            default:
                return nil
            }
            prev = c
        }
        guard sawDigit, !sawExp || expDigit, let v = Double(t), v.isFinite else { return nil }
        return v
    }
}

import Foundation
