/// How the header of a NONMEM file maps onto fields: the column index of each reserved field, the other
/// (covariate or label) columns, and the columns ignored as duplicates or blanks.
///
/// The first column matching a field wins; a later column with the same name in any letter case (or an alias,
/// e.g. `CENS` after `BLQ`) is ignored with a warning.
struct NONMEMColumns {
    var names: [String]
    private(set) var index: [NONMEMField: Int] = [:]
    /// `index` by field ordinal, for fast per-row lookups (filled at the end of `init`).
    private var slots: [Int?] = Array(repeating: nil, count: NONMEMField.allCases.count)
    var others: [Int] = []
    var ignored: [Int: String] = [:]
    var warnings: [String] = []

    init(names: [String]) {
        self.names = names
        var seenOther: [String: Int] = [:]
        for (i, raw) in names.enumerated() {
            let name = raw.trimmingCharacters(in: .whitespaces)
            if name.isEmpty { ignored[i] = "no column name"; continue }
            if let field = NONMEMField.matching(name) {
                if let first = index[field] {
                    ignored[i] = "duplicate of \(names[first])"
                    warnings.append("columns \(names[first]) and \(name) both present: using \(names[first]) (column \(first + 1)); \(name) (column \(i + 1)) ignored")
                } else {
                    index[field] = i
                }
            } else if let first = seenOther[name.uppercased()] {
                ignored[i] = "duplicate of \(names[first])"
                warnings.append("columns \(names[first]) and \(name) both present: using \(names[first]) (column \(first + 1)); \(name) (column \(i + 1)) ignored")
            } else {
                seenOther[name.uppercased()] = i
                others.append(i)
            }
        }
        slots = NONMEMField.allCases.map { index[$0] }
    }

    subscript(field: NONMEMField) -> Int? { slots[field.ordinal] }

    /// The header name as written for a field (its canonical name when absent).
    func name(_ field: NONMEMField) -> String { index[field].map { names[$0].trimmingCharacters(in: .whitespaces) } ?? field.rawValue }
}

import Foundation
