import Foundation

/// One table cell. Numbers keep their full value (for `.mode csv|json`); `display` is for people.
public enum Cell: Hashable, Sendable {
    case text(String)
    case integer(Int)
    /// A real number shown with `digits` significant digits (full precision in machine formats).
    case number(Double, digits: Int)
    /// Missing / not applicable (shown as empty; `null` in JSON).
    case empty

    public static func number(_ value: Double) -> Cell { .number(value, digits: 4) }
    /// A number, or `.empty` when nil or not finite.
    public static func optional(_ value: Double?, digits: Int = 4) -> Cell {
        guard let value, value.isFinite else { return .empty }
        return .number(value, digits: digits)
    }

    /// Text for people: numbers with `digits` significant digits, no exponent for 1e-4 ≤ |x| < 1e7.
    public var display: String {
        switch self {
        case .text(let s): return s
        case .integer(let i): return String(i)
        case .empty: return ""
        case .number(let x, let digits): return Cell.format(x, digits: digits)
        }
    }

    /// Text for machines: shortest round-trip representation of numbers.
    public var raw: String {
        switch self {
        case .number(let x, _): return x.isFinite ? "\(x)" : ""
        default: return display
        }
    }

    /// True for numeric cells (right-aligned in tables).
    public var isNumeric: Bool {
        switch self {
        case .integer, .number: return true
        default: return false
        }
    }

    static func format(_ x: Double, digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == 0 { return "0" }
        let magnitude = abs(x)
        if magnitude < 1e-4 || magnitude >= 1e7 { return String(format: "%.\(max(digits - 1, 0))e", x) }
        let exponent = Int(floor(log10(magnitude)))
        let decimals = max(0, digits - 1 - exponent)
        var s = String(format: "%.\(decimals)f", x)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }
}
