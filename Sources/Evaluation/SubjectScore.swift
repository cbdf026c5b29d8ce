/// The metrics of one target at one k for one forecaster (evaluation.md step 3).
public struct SubjectScore: Codable, Sendable, Hashable {
    public var subject: String
    /// Number of scored observations.
    public var observations: Int
    public var logRMSE: Double
    public var rmse: Double
    /// Share of scored observations inside the 90 % prediction interval [q05, q95].
    public var coverage: Double
    /// Mean interval score of the 90 % interval (α = 0.1), concentration units.
    public var intervalScore: Double
}
