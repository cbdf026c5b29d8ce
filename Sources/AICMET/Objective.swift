import Tensor

/// Weights of the training objective's terms.
public struct ObjectiveWeights: Codable, Hashable, Sendable {
    /// β on both KL terms (annealed from 0 during warm-up by the trainer).
    public var kl: Float
    /// Weight of the direct forecasting term log p(Y_hidden | z_s ~ q(z_s|S), z_n ~ q(z_n|D_n^C)).
    public var forecast: Float
    public init(kl: Float = 1, forecast: Float = 1) { self.kl = kl; self.forecast = forecast }
}

/// Scalar summaries of one objective evaluation (per target means).
public struct ObjectiveValues: Codable, Hashable, Sendable {
    public var loss: Float
    /// Mean log-likelihood per target point, decoded from q(z_n | D_n) (reconstruction).
    public var reconstruction: Float
    /// Mean log-likelihood per hidden point, decoded from q(z_n | D_n^C) (forecast).
    public var forecast: Float
    public var klIndividual: Float
    public var klStudy: Float
    public init(loss: Float = 0, reconstruction: Float = 0, forecast: Float = 0, klIndividual: Float = 0, klStudy: Float = 0) {
        self.loss = loss; self.reconstruction = reconstruction; self.forecast = forecast
        self.klIndividual = klIndividual; self.klStudy = klStudy
    }
}

extension AICMETNetwork {
    /// The objective of aicmet-model.md §3, per target n (averaged over the batch's targets):
    ///   − E_{q(z_s|S) q(z_n|D_n)} log p(Y_n | z_s, z_n)                   (all of the target's points)
    ///   + β KL[q(z_n|D_n) ‖ q(z_n|D_n^C)]   (q(z_n|∅) = N(0, I) when no observation is given)
    ///   + β KL[q(z_s|S) ‖ N(0, I)]
    ///   − w E_{q(z_s|S) q(z_n|D_n^C)} log p(Y_n^T | z_s, z_n)            (hidden points only)
    /// S excludes the target (its study latent never sees the target's future). One reparameterised sample.
    /// Returns the loss tensor (shape [1]) and the values of its terms.
    public func objective(_ batch: TrainingBatch, weights: ObjectiveWeights, rng: inout TensorRNG) -> (loss: Tensor, values: ObjectiveValues) {
        let r = batch.targetCount, h = size.hidden
        let encoded = encode(tokens: batch.tokens, lengths: batch.lengths)
        let summaries = encoded.summaries
        let members = summaries.indexSelect(axis: 0, indices: batch.contextIndex).reshaped([r, batch.subjectsPerStudy, h])
        let studyContext = studySummary(members, mask: batch.contextMask)
        let study = studyPosterior(summary: studyContext)
        let full = individualPosterior(summaries.indexSelect(axis: 0, indices: batch.fullIndex), study: studyContext)
        let given = individualPosterior(summaries.indexSelect(axis: 0, indices: batch.prefixIndex), study: studyContext)
        let keep = Tensor(shape: [r, 1], scalars: batch.prefixEmpty.map { $0 ? 0 : 1 })
        let givenMean = given.mean * keep, givenLogVar = given.logVar * keep

        let zs = sample(study.mean, study.logVar, &rng)
        let ziFull = sample(full.mean, full.logVar, &rng)
        let ziGiven = sample(givenMean, givenLogVar, &rng)
        let heads = decode(studyLatent: Tensor.concat([zs, zs], axis: 0),
                           individualLatent: Tensor.concat([ziFull, ziGiven], axis: 0),
                           queries: Tensor.concat([batch.queries, batch.forecastQueries], axis: 0),
                           covariates: Tensor.concat([batch.covariates, batch.covariates], axis: 0),
                           given: attendsToGiven ? givenStates(encoded, batch) : nil,
                           queryMask: packsRows ? Tensor.concat([batch.allMask, batch.futureMask], axis: 0) : nil)
        let targets = Tensor.concat([batch.logTargets, batch.logTargets], axis: 0)
        let masks = Tensor.concat([batch.allMask, batch.futureMask * weights.forecast], axis: 0)
        let perPoint = decoder.logLikelihood(head: heads, targets: targets)
        let logLikelihood = (perPoint * masks).sum()

        let klIndividual = Tensor.klDiagonalGaussian(mean1: full.mean, logVar1: full.logVar, mean2: givenMean, logVar2: givenLogVar).sum()
        let zero = Tensor.zeros(study.mean.shape)
        let klStudy = Tensor.klDiagonalGaussian(mean1: study.mean, logVar1: study.logVar, mean2: zero, logVar2: zero).sum()
        let loss = ((klIndividual + klStudy) * weights.kl - logLikelihood) * (1 / Float(r))

        // Term values for monitoring, on plain floats.
        let ll = perPoint.scalars
        let q = batch.allMask.shape[1]
        let allMask = batch.allMask.scalars, futureMask = batch.futureMask.scalars
        var rec = 0.0, recCount = 0.0, fc = 0.0, fcCount = 0.0
        for i in 0..<(r * q) {
            rec += Double(ll[i] * allMask[i]); recCount += Double(allMask[i])
            fc += Double(ll[r * q + i] * futureMask[i]); fcCount += Double(futureMask[i])
        }
        let values = ObjectiveValues(loss: loss.scalar,
                                     reconstruction: Float(rec / max(recCount, 1)),
                                     forecast: Float(fc / max(fcCount, 1)),
                                     klIndividual: klIndividual.scalar / Float(r), klStudy: klStudy.scalar / Float(r))
        return (loss, values)
    }

    /// The decoder's given-observation memory for both decodes of `objective`: each target's given prefix
    /// (never its hidden points, so reconstruction cannot copy them), [2R, L, hidden] and mask [2R, L].
    private func givenStates(_ encoded: (steps: Tensor, mask: Tensor, summaries: Tensor), _ batch: TrainingBatch) -> (steps: Tensor, mask: Tensor) {
        let steps = encoded.steps.indexSelect(axis: 0, indices: batch.prefixIndex)
        let mask = encoded.mask.indexSelect(axis: 0, indices: batch.prefixIndex)
        return (Tensor.concat([steps, steps], axis: 0), Tensor.concat([mask, mask], axis: 0))
    }

    /// mean + exp(logVar / 2) ⊙ ε, ε ~ N(0, I) (reparameterisation).
    func sample(_ mean: Tensor, _ logVar: Tensor, _ rng: inout TensorRNG) -> Tensor {
        let eps = Tensor.randn(mean.shape, std: 1, rng: &rng)
        return mean + (logVar * 0.5).exp() * eps
    }
}
