import Foundation

/// A stored evaluation: the study, the forecasters compared, the settings and results (both JSON).
public struct EvaluationRecord: Hashable, Sendable {
    public var id: Int64
    public var study: String
    public var forecasters: [String]
    public var settings: String
    public var results: String
    public var created: Date
}
