/// One table row: (study, k, forecaster) — evaluation.md step 4.
public struct EvaluationRow: Codable, Sendable {
    public var forecaster: String
    /// k: the number of post-dose observations given per target.
    public var given: Int
    /// Targets scored (subjects with at least one scored observation and a successful forecast).
    public var targets: Int
    /// Scored observations pooled over targets.
    public var observations: Int
    /// Mean and sample SD (n − 1) over targets of the per-target log-RMSE.
    public var meanLogRMSE: Double
    public var sdLogRMSE: Double
    /// log-RMSE over all scored observations pooled.
    public var pooledLogRMSE: Double
    /// RMSE on the natural scale over all scored observations pooled.
    public var rmse: Double
    /// Pooled share of scored observations inside the 90 % interval.
    public var coverage: Double
    /// Pooled mean interval score (α = 0.1).
    public var intervalScore: Double
    /// Wall time of this row's forecasts, seconds.
    public var seconds: Double
    public var subjects: [SubjectScore]
    public var failures: [TargetFailure]
    /// Distinct forecast warnings, each prefixed by the subject.
    public var warnings: [String]
}
