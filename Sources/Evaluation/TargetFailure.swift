/// A target a forecaster could not forecast (its error message), excluded from that row's metrics.
public struct TargetFailure: Codable, Sendable, Hashable {
    public var subject: String
    public var message: String
}
