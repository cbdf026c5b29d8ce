/// A covariate value that applies from `time` on (carried forward until the next one).
public struct CovariateChange: Hashable, Codable, Sendable {
    public var time: Double
    public var value: Double
    public init(time: Double, value: Double) { self.time = time; self.value = value }
}

/// One individual of a study: doses, observations (sorted by time) and covariates.
public struct Subject: Codable, Sendable {
    /// The ID as written in the file (NONMEM uses integers; strings are accepted and kept).
    public var id: String
    /// Explicit doses sorted by time (ADDL/II already expanded).
    public var doses: [Dose]
    /// Observations sorted by time.
    public var observations: [Observation]
    /// Baseline value of each numeric covariate (its first value).
    public var covariates: [String: Double]
    /// Covariates that change over time, each a time-sorted list (baseline included). Empty when all are constant.
    public var timeVaryingCovariates: [String: [CovariateChange]]

    public init(id: String, doses: [Dose] = [], observations: [Observation] = [],
                covariates: [String: Double] = [:], timeVaryingCovariates: [String: [CovariateChange]] = [:]) {
        self.id = id; self.doses = doses; self.observations = observations
        self.covariates = covariates; self.timeVaryingCovariates = timeVaryingCovariates
    }

    /// Time of the first dose (nil when the subject has none).
    public var firstDoseTime: Double? { doses.first?.time }
}
