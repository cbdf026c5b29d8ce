import PKData

/// A forecaster that can also generate new subjects like those of a study, for a simulation-based visual
/// predictive check (`EvaluationFigures.vpc` uses it when the forecaster conforms).
public protocol SubjectSimulator {
    /// `replicates` copies of `study`: every subject keeps its doses, covariates and parent observation times
    /// and gets simulated values. Deterministic for a given seed.
    func simulateReplicates(of study: Study, replicates: Int, seed: UInt64) throws -> [[Subject]]
}
