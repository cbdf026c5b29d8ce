/// What a forecaster is asked: predict `target` at `queryTimes`, knowing `context` fully and
/// the target only through what `target` carries (its doses, covariates and the given observations).
/// The evaluation protocol builds `target` with the hidden observations removed, so a forecaster
/// cannot see them.
public struct ForecastRequest: Sendable {
    public var context: [Subject]
    public var target: Subject
    public var queryTimes: [Double]
    /// Which output is forecast (0 = parent).
    public var output: Int
    public var seed: UInt64

    public init(context: [Subject], target: Subject, queryTimes: [Double], output: Int = 0, seed: UInt64 = 0) {
        self.context = context; self.target = target; self.queryTimes = queryTimes; self.output = output; self.seed = seed
    }
}

/// The predictive distribution at one time, on the concentration scale.
public struct ForecastPoint: Hashable, Codable, Sendable {
    public var time: Double
    public var mean: Double
    public var median: Double
    public var q05: Double
    public var q95: Double
    public init(time: Double, mean: Double, median: Double, q05: Double, q95: Double) {
        self.time = time; self.mean = mean; self.median = median; self.q05 = q05; self.q95 = q95
    }
}

/// A forecast: one point per requested time, in request order, plus warnings (e.g. out of support) and
/// notes on how it was made (e.g. the in-study calibration of its intervals).
public struct Forecast: Sendable {
    public var points: [ForecastPoint]
    public var warnings: [String]
    public var notes: [String]
    public init(points: [ForecastPoint], warnings: [String] = [], notes: [String] = []) {
        self.points = points; self.warnings = warnings; self.notes = notes
    }
}

/// Anything that forecasts concentrations: AICMET variants, the NLME baseline, naive baselines.
public protocol Forecaster {
    /// Short stable name used in tables ("aicmet-default", "nlme", "median", "locf").
    var name: String { get }
    func forecast(_ request: ForecastRequest) throws -> Forecast
}
