/// One data row of a NONMEM CSV, exactly as written.
///
/// `row` is the 1-based line number in the file (the header is row 1). `values` holds one string per header
/// column, in header order, unmodified (quotes removed), so `NONMEMWriter` can reproduce the row.
public struct NONMEMRecord: Hashable, Codable, Sendable {
    public var row: Int
    public var values: [String]
    public init(row: Int, values: [String]) { self.row = row; self.values = values }
}
