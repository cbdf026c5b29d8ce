/// One scored observation and its forecast, kept so any figure or metric can be recomputed.
public struct PredictionRecord: Codable, Sendable, Hashable {
    public var forecaster: String
    public var given: Int
    public var subject: String
    public var time: Double
    public var output: Int
    public var observed: Double
    public var mean: Double
    /// The point forecast used by every metric (the predictive median).
    public var median: Double
    public var q05: Double
    public var q95: Double
}
