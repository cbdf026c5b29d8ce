import PKData

extension NLMEForecaster {
    /// `replicates` simulated copies of `study` under the AIC-selected population fit of the whole study
    /// (`PopulationFit.simulate(like:generator:)` for every subject), from one `SeededGenerator(seed:)`.
    public func simulateReplicates(of study: Study, replicates: Int, seed: UInt64) throws -> [[Subject]] {
        let fit = try selection(context: study.subjects).chosen
        var rng = SeededGenerator(seed: seed)
        return try (0..<replicates).map { _ in try study.subjects.map { try fit.simulate(like: $0, generator: &rng) } }
    }
}
