/// One problem found in a NONMEM file: where (row, subject, column), what, and how to fix it.
///
/// `row` is the 1-based file line (header = row 1), nil for file-level problems (missing column, empty file).
public struct NONMEMIssue: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        case emptyFile, missingColumn, raggedRow, nonNumeric, missingValue, negativeValue, nonContiguousSubject
        case timeBackwards, duplicateRecord, evidMDVContradiction, unknownEVID, rateWithoutAmount, addlWithoutII
        case unsupportedValue, inconsistentInfusion
    }
    public var kind: Kind
    public var row: Int?
    public var subject: String?
    public var column: String?
    /// What is wrong, e.g. "TIME goes backwards (3.5 after 4.0)".
    public var message: String
    /// One fix, e.g. "sort by ID, TIME".
    public var hint: String

    public init(kind: Kind, row: Int? = nil, subject: String? = nil, column: String? = nil, message: String, hint: String) {
        self.kind = kind; self.row = row; self.subject = subject; self.column = column; self.message = message; self.hint = hint
    }

    /// "row 57, ID 12: TIME goes backwards (3.5 after 4.0); sort by ID, TIME" (location parts omitted when unknown).
    public var description: String {
        var place: [String] = []
        if let row { place.append("row \(row)") }
        if let subject { place.append("ID \(subject)") }
        let prefix = place.isEmpty ? "" : place.joined(separator: ", ") + ": "
        return "\(prefix)\(message); \(hint)"
    }
}
