/// Which summary of the NLME forecast is reported as the point forecast (`ForecastPoint.median`).
public enum PointForecast: String, Codable, Sendable {
    /// The median of the sampled predictive distribution of a new observation (the protocol's default).
    case predictiveMedian
    /// The individual prediction at the MAP estimate, f(t; θ + η̂) — R nlme's `predict` at the EBEs.
    case mapPrediction
}
