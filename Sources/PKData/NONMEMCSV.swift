/// Line-level CSV handling for NONMEM data files.
///
/// Contract: one record per physical line (`\n`, `\r\n` or `\r`); fields separated by commas; a field may be
/// wrapped in double quotes (then it may contain commas, and `""` stands for one quote). Quoted fields that span
/// lines are not supported. Field text is kept as written (quotes removed, surrounding spaces kept) so that
/// an export can reproduce it; numeric interpretation trims spaces.
enum NONMEMCSV {
    /// Splits text into lines, dropping one trailing empty line (the final newline).
    static func lines(_ text: String) -> [Substring] {
        var lines: [Substring] = []
        let u = text.utf8
        var start = u.startIndex
        var i = u.startIndex
        while i != u.endIndex {
            let c = u[i]
            if c == 0x0A || c == 0x0D {
                lines.append(text[start..<i])
                var next = u.index(after: i)
                if c == 0x0D, next != u.endIndex, u[next] == 0x0A { next = u.index(after: next) }
                start = next; i = next
            } else {
                i = u.index(after: i)
            }
        }
        if start != u.endIndex { lines.append(text[start..<u.endIndex]) }
        return lines
    }

    /// Splits one line into fields.
    static func fields(_ line: Substring) -> [String] {
        if !line.utf8.contains(0x22) {
            return line.utf8.split(separator: 0x2C, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        }
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
        let t = trim(field)
        return t.isEmpty || t == "."
    }

    /// `field` without leading and trailing spaces and tabs (fast path when there are none).
    static func trim(_ field: String) -> String {
        let u = field.utf8
        guard let first = u.first, let last = u.last else { return field }
        if first != 0x20 && first != 0x09 && last != 0x20 && last != 0x09 { return field }
        return field.trimmingCharacters(in: .whitespaces)
    }

    /// Strict decimal parse: `[+-]digits[.digits][e[+-]digits]` after trimming spaces; finite values only.
    /// Rejects `nan`, `inf`, hex and anything else Swift's `Double(_:)` would accept beyond plain decimals.
    static func number(_ field: String) -> Double? {
        let t = trim(field)
        guard !t.isEmpty else { return nil }
        var sawDigit = false, sawDot = false, sawExp = false, expDigit = false
        var prev: UInt8 = 0x20
        var first = true
        for c in t.utf8 {
            switch c {
            case 0x30...0x39:
                if sawExp { expDigit = true } else { sawDigit = true }
            case 0x2B, 0x2D:  // + -
                guard first || prev == 0x65 || prev == 0x45 else { return nil }
            case 0x2E:  // .
                guard !sawDot, !sawExp else { return nil }
                sawDot = true
            case 0x65, 0x45:  // e E
                guard sawDigit, !sawExp else { return nil }
                sawExp = true
            default:
                return nil
            }
            prev = c
            first = false
        }
        guard sawDigit, !sawExp || expDigit, let v = Double(t), v.isFinite else { return nil }
        return v
    }
}

import Foundation
