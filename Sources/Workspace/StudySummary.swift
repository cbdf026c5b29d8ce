import Foundation
import PKData

/// A stored study as listed: name, provenance and counts.
public struct StudySummary: Hashable, Sendable {
    public var id: Int64
    public var name: String
    /// The file it was imported from (nil for simulated studies).
    public var source: String?
    public var subjects: Int
    public var doses: Int
    public var observations: Int
    /// Number of raw records kept (0 when the study has none, e.g. simulated).
    public var records: Int
    public var units: StudyUnits
    public var created: Date
}
