import Foundation
import Tensor

extension AICMETModel {
    /// Draws of the target's individual latent z_n, [samples, individualLatent]. Rows 0..<contextLengths.count
    /// of `summaries` are the context subjects' summaries (sequence lengths `contextLengths`); `targetRow` is
    /// the target's row, nil when it has no usable observation (its amortized posterior is then N(0, I)).
    /// The population is the context subjects with at least one usable observation; without any, every mode
    /// is `amortized`. `study` is the study's pooled context summary c_s [1, hidden] (needed by a
    /// study-conditioned network; ignored otherwise).
    ///   amortized:  z_n ~ q(z_n | D_n^C);
    ///   population: z_n ~ q(z_j | D_j) of context subject j = draw mod n (weighted later by the caller);
    ///   combined:   z_n ~ `PopulationPosterior` (q(z_n | D_n^C) with the smoothed population as its prior).
    /// `likelihoodWeight` w tempers what the given points say (`PopulationPosterior`): amortized draws from
    /// N(0, I) × (q/N(0, I))^w, combined from the population × (q/N(0, I))^w; population ignores it here (the
    /// caller raises its importance weights to w).
    public func individualLatents(summaries: Tensor, contextLengths: [Int], targetRow: Int?, samples: Int,
                                  mode: LatentInference, bandwidth: Double, likelihoodWeight: Double = 1, study: Tensor? = nil,
                                  rng: inout TensorRNG) -> Tensor {
        let dI = spec.size.individualLatent
        let individual = targetRow.map { network.individualPosterior(summaries.slice(axis: 0, range: $0..<($0 + 1)), study: study) }
            ?? (mean: Tensor.zeros([1, dI]), logVar: Tensor.zeros([1, dI]))
        let observed = contextLengths.indices.filter { contextLengths[$0] > 0 }, n = observed.count
        guard n > 0, mode != .amortized else {
            let q = PopulationPosterior.tempered(mean: individual.mean.scalars, logVar: individual.logVar.scalars, likelihoodWeight: likelihoodWeight)
            return Self.draw(means: Tensor(shape: [1, dI], scalars: q.mean), logVars: Tensor(shape: [1, dI], scalars: q.logVar),
                             rows: [Int](repeating: 0, count: samples), rng: &rng)
        }
        let population = network.individualPosterior(summaries.indexSelect(axis: 0, indices: observed), study: study)
        if mode == .population {
            return Self.draw(means: population.mean, logVars: population.logVar, rows: (0..<samples).map { $0 % n }, rng: &rng)
        }
        let posterior = PopulationPosterior(populationMeans: population.mean.scalars, populationLogVars: population.logVar.scalars,
                                            mean: individual.mean.scalars, logVar: individual.logVar.scalars, bandwidth: bandwidth,
                                            likelihoodWeight: likelihoodWeight)
        let components = posterior.means.count / dI
        return Self.draw(means: Tensor(shape: [components, dI], scalars: posterior.means.map { Float($0) }),
                         logVars: Tensor(shape: [components, dI], scalars: posterior.logVars.map { Float($0) }),
                         rows: posterior.allocate(samples, offset: Double(rng.uniform())), rng: &rng)
    }

    /// means[rows[s]] + exp(logVars[rows[s]] / 2) ⊙ ε_s, ε ~ N(0, I): one draw per entry of `rows`.
    private static func draw(means: Tensor, logVars: Tensor, rows: [Int], rng: inout TensorRNG) -> Tensor {
        means.indexSelect(axis: 0, indices: rows)
            + (logVars.indexSelect(axis: 0, indices: rows) * 0.5).exp() * Tensor.randn([rows.count, means.shape[1]], std: 1, rng: &rng)
    }
}
