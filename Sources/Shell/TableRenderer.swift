import Foundation
import PKData
import Workbench

/// Renders a `Table` as text in one `OutputMode`. Every result ends with a newline.
/// - table: aligned columns (numbers right-aligned), a dashed rule under the header, title above;
/// - csv: RFC 4180 (quoted when needed), full-precision numbers, no title;
/// - json: an array of objects (numbers as numbers, empty cells as null);
/// - markdown: a pipe table, numbers right-aligned, title as a bold line.
public enum TableRenderer {
    public static func render(_ table: Table, mode: OutputMode, bold: (String) -> String = { $0 }) -> String {
        var table = table
        // Rows built without `append` may be short or long: pad with empty cells, drop extras.
        table.rows = table.rows.map { row in
            row.count == table.columns.count ? row
                : Array((row + Array(repeating: Cell.empty, count: max(0, table.columns.count - row.count))).prefix(table.columns.count))
        }
        switch mode {
        case .table: return aligned(table, bold: bold)
        case .csv: return csv(table)
        case .json: return json(table)
        case .markdown: return markdown(table)
        }
    }

    static func numericColumns(_ t: Table) -> [Bool] {
        t.columns.indices.map { i in
            let cells = t.rows.map { $0[i] }.filter { $0 != .empty }
            return !cells.isEmpty && cells.allSatisfy(\.isNumeric)
        }
    }

    static func aligned(_ t: Table, bold: (String) -> String) -> String {
        let numeric = numericColumns(t)
        let body = t.rows.map { $0.map(\.display) }
        let widths = t.columns.indices.map { i in
            max(t.columns[i].count, body.map { $0[i].count }.max() ?? 0)
        }
        func pad(_ s: String, _ i: Int) -> String {
            let fill = String(repeating: " ", count: widths[i] - s.count)
            return numeric[i] ? fill + s : s + fill
        }
        func line(_ cells: [String]) -> String {
            cells.indices.map { pad(cells[$0], $0) }.joined(separator: "  ").trimmingTrailingBlanks()
        }
        var out = ""
        if let title = t.title { out += bold(title) + "\n" }
        out += bold(line(t.columns)) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for row in body { out += line(row) + "\n" }
        if t.rows.isEmpty { out += "(no rows)\n" }
        return out
    }

    static func csvField(_ s: String) -> String {
        s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    static func csv(_ t: Table) -> String {
        var out = t.columns.map(csvField).joined(separator: ",") + "\n"
        for row in t.rows { out += row.map { csvField($0.raw) }.joined(separator: ",") + "\n" }
        return out
    }

    static func jsonValue(_ c: Cell) -> String {
        switch c {
        case .empty: return "null"
        case .integer(let i): return String(i)
        case .number(let x, _): return x.isFinite ? "\(x)" : "null"
        case .text(let s): return jsonString(s)
        }
    }

    static func jsonString(_ s: String) -> String { JSONString.quoted(s) }

    static func json(_ t: Table) -> String {
        if t.rows.isEmpty { return "[]\n" }
        let objects = t.rows.map { row in
            "  {" + zip(t.columns, row).map { "\(jsonString($0)): \(jsonValue($1))" }.joined(separator: ", ") + "}"
        }
        return "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    static func markdown(_ t: Table) -> String {
        let numeric = numericColumns(t)
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        var out = ""
        if let title = t.title { out += "**\(escape(title))**\n\n" }
        out += "| " + t.columns.map(escape).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? "---:|" : "---|" }.joined() + "\n"
        for row in t.rows { out += "| " + row.map { escape($0.display) }.joined(separator: " | ") + " |\n" }
        return out
    }
}
