/// The outcome of the protocol on one study: one row per (k, forecaster) and every scored prediction.
/// Codable: the workspace stores it as JSON.
public struct EvaluationResult: Codable, Sendable {
    public var study: String
    public var seed: UInt64
    public var given: [Int]
    public var forecasters: [String]
    /// Which predictive summary is the point forecast of every metric: always "median".
    public var pointForecast: String
    /// Nominal level of the prediction interval [q05, q95].
    public var intervalLevel: Double
    public var rows: [EvaluationRow]
    public var predictions: [PredictionRecord]

    public init(study: String, seed: UInt64, given: [Int], forecasters: [String], rows: [EvaluationRow],
                predictions: [PredictionRecord]) {
        self.study = study; self.seed = seed; self.given = given; self.forecasters = forecasters
        self.pointForecast = "median"; self.intervalLevel = 0.9
        self.rows = rows; self.predictions = predictions
    }

    /// The row of `forecaster` at k = `given`, if evaluated.
    public func row(_ forecaster: String, given k: Int) -> EvaluationRow? {
        rows.first { $0.forecaster == forecaster && $0.given == k }
    }
}
