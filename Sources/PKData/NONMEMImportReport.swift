/// How a NONMEM file was read (`study describe`): the role of each column, counts per subject, ignored rows,
/// warnings and units. Pure data; `description` renders it as plain text.
public struct NONMEMImportReport: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The interpretation of one column.
    public enum ColumnRole: Hashable, Codable, Sendable {
        /// A reserved NONMEM column; the associated text says which (e.g. "TIME", "BLQ (censoring flag)").
        case reserved(String)
        /// A numeric covariate with one value per subject.
        case constantCovariate
        /// A numeric covariate that changes within at least one subject (carried forward).
        case timeVaryingCovariate
        /// A non-numeric column kept as a per-subject label, not used as a covariate.
        case categorical
        /// Not used; the text says why.
        case ignored(String)
    }

    public struct Column: Hashable, Codable, Sendable {
        public var name: String
        public var role: ColumnRole
        public init(name: String, role: ColumnRole) { self.name = name; self.role = role }
    }

    public struct SubjectCounts: Hashable, Codable, Sendable {
        public var id: String
        /// Explicit doses after ADDL expansion (includes `expandedDoses`).
        public var doses: Int
        /// Doses created from ADDL/II.
        public var expandedDoses: Int
        public var observations: Int
        public var censoredObservations: Int
        /// Observations before the first dose (earlier time, or same time on an earlier row).
        public var preDoseObservations: Int
        public init(id: String, doses: Int, expandedDoses: Int, observations: Int, censoredObservations: Int, preDoseObservations: Int) {
            self.id = id; self.doses = doses; self.expandedDoses = expandedDoses; self.observations = observations
            self.censoredObservations = censoredObservations; self.preDoseObservations = preDoseObservations
        }
    }

    public struct IgnoredRow: Hashable, Codable, Sendable {
        public var row: Int
        public var subject: String?
        public var reason: String
        public init(row: Int, subject: String?, reason: String) { self.row = row; self.subject = subject; self.reason = reason }
    }

    public var fileName: String
    public var columns: [Column]
    public var subjects: [SubjectCounts]
    public var ignoredRows: [IgnoredRow]
    public var warnings: [String]
    public var units: StudyUnits
    /// Human-readable rules applied, e.g. "dose CMT 1 (below the observed CMT 2) read as oral (depot)",
    /// "output 0 = CMT 2".
    public var rules: [String]

    public init(fileName: String, columns: [Column] = [], subjects: [SubjectCounts] = [], ignoredRows: [IgnoredRow] = [],
                warnings: [String] = [], units: StudyUnits = StudyUnits(), rules: [String] = []) {
        self.fileName = fileName; self.columns = columns; self.subjects = subjects; self.ignoredRows = ignoredRows
        self.warnings = warnings; self.units = units; self.rules = rules
    }

    public var totalDoses: Int { subjects.reduce(0) { $0 + $1.doses } }
    public var totalObservations: Int { subjects.reduce(0) { $0 + $1.observations } }
    public var totalExpandedDoses: Int { subjects.reduce(0) { $0 + $1.expandedDoses } }

    public var description: String {
        var out = ["\(fileName): \(subjects.count) subjects, \(totalDoses) doses (\(totalExpandedDoses) from ADDL), \(totalObservations) observations"]
        out.append("units: time \(units.time ?? "not given (h assumed)"), amount \(units.amount ?? "not given"), DV \(units.concentration ?? "not given")")
        out.append("columns:")
        for c in columns { out.append("  \(c.name): \(Self.describe(c.role))") }
        if !rules.isEmpty { out.append("rules:"); out += rules.map { "  " + $0 } }
        out.append("subjects (doses / from ADDL / observations / censored / pre-dose):")
        for s in subjects {
            out.append("  \(s.id): \(s.doses) / \(s.expandedDoses) / \(s.observations) / \(s.censoredObservations) / \(s.preDoseObservations)")
        }
        if !ignoredRows.isEmpty {
            out.append("ignored rows:")
            out += ignoredRows.map { "  row \($0.row)\($0.subject.map { ", ID \($0)" } ?? ""): \($0.reason)" }
        }
        if !warnings.isEmpty { out.append("warnings:"); out += warnings.map { "  " + $0 } }
        return out.joined(separator: "\n")
    }

    public static func describe(_ role: ColumnRole) -> String {
        switch role {
        case .reserved(let what): return "reserved (\(what))"
        case .constantCovariate: return "covariate, constant per subject"
        case .timeVaryingCovariate: return "covariate, time-varying (carried forward)"
        case .categorical: return "categorical label (not a covariate)"
        case .ignored(let why): return "ignored (\(why))"
        }
    }
}
