/// One record of a source file exactly as read: its 1-based row number (the header is row 1)
/// and its cells as text, in header order.
public struct RawRecord: Hashable, Codable, Sendable {
    public var row: Int
    public var cells: [String]
    public init(row: Int, cells: [String]) { self.row = row; self.cells = cells }
}

/// The records of an imported file: header columns as written plus every data record, in file order.
/// Kept with a study so that `study export` gives the same rows back.
public struct RawRecords: Hashable, Codable, Sendable {
    public var columns: [String]
    public var rows: [RawRecord]
    public init(columns: [String], rows: [RawRecord]) { self.columns = columns; self.rows = rows }
}
