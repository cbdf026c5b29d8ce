/// A result table: named columns and rows of cells (every row has one cell per column).
public struct Table: Hashable, Sendable {
    public var title: String?
    public var columns: [String]
    public var rows: [[Cell]]

    public init(title: String? = nil, columns: [String], rows: [[Cell]] = []) {
        self.title = title; self.columns = columns; self.rows = rows
    }

    /// Appends a row; precondition: one cell per column.
    public mutating func append(_ row: [Cell]) {
        precondition(row.count == columns.count, "row has \(row.count) cells for \(columns.count) columns")
        rows.append(row)
    }

    /// The cells of one column by name (nil when there is no such column).
    public func column(_ name: String) -> [Cell]? {
        guard let i = columns.firstIndex(of: name) else { return nil }
        return rows.map { $0[i] }
    }
}
