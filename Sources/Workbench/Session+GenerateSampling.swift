import AICMET
import Foundation
import PKData
import Tensor

extension Session {
    /// Draws one virtual population from the model's generative path with no observation given (k = 0):
    /// one study latent z_s ~ q(z_s | context) shared by all virtual subjects (one virtual study), per virtual
    /// subject z_i ~ N(0, I) (the prior the model uses when nothing is given), then at each of the template's
    /// parent observation times a draw from the decoder's distribution p(log c | z_s, z_i, t, doses,
    /// covariates). Given the latents the model treats times as independent, so within-subject correlation
    /// comes from the latents only; the decoder's residual draws are independent across times.
    /// An ensemble's virtual study comes from one member drawn uniformly (its predictive is their equal mixture).
    /// Returns, per template, concentrations at `times[v]` (denormalised by the context's scaling).
    static func sampleVirtualSubjects(model: AICMETModel, context: [Subject], templates: [Subject], times: [[Double]],
                                      rng: inout SeededGenerator) throws -> [[Double]] {
        let ensemble = model.members
        let model = ensemble.count == 1 ? model : ensemble[Int(rng.next() % UInt64(ensemble.count))]
        let layout = model.layout, network = model.network, spec = model.spec
        let scaling = try StudyScaling.from(context: context)
        let members = context.filter { !layout.usableObservations($0).isEmpty }
        guard !members.isEmpty else {
            throw AICMETError.invalidInput("no context subject has a usable observation")
        }
        var sequences: [[Float]] = [], lengths: [Int] = []
        for subject in members {
            let observations = layout.usableObservations(subject)
            sequences.append(layout.tokens(for: observations, of: subject, scaling: scaling))
            lengths.append(observations.count)
        }
        let n = members.count, l = lengths.max()!, width = layout.tokenWidth
        var data = [Float](repeating: 0, count: n * l * width)
        for (i, rows) in sequences.enumerated() { data.replaceSubrange((i * l * width)..<(i * l * width + rows.count), with: rows) }
        let summaries = network.summarise(tokens: Tensor(shape: [n, l, width], scalars: data), lengths: lengths)
        let studyContext = network.studySummary(summaries.reshaped([1, n, spec.size.hidden]), mask: Tensor.ones([1, n]))
        let study = network.studyPosterior(summary: studyContext)

        var noise = TensorRNG(seed: rng.next())
        let dS = spec.size.studyLatent, v = templates.count
        let eps = Tensor.randn([1, dS], std: 1, rng: &noise).scalars
        let zsRow = (0..<dS).map { study.mean.scalars[$0] + exp(0.5 * study.logVar.scalars[$0]) * eps[$0] }
        let zs = Tensor(shape: [v, dS], scalars: Array([[Float]](repeating: zsRow, count: v).joined()))
        let plan = spec.inferencePlan
        let zi = model.individualLatents(summaries: summaries, contextLengths: lengths, targetRow: nil, samples: v,
                                         mode: plan.mode(given: 0), bandwidth: plan.bandwidth, study: studyContext, rng: &noise)

        let q = max(1, times.map(\.count).max() ?? 1), qw = layout.queryWidth
        var queryData = [Float](repeating: 0, count: v * q * qw)
        var covariateData: [Float] = []
        for (i, template) in templates.enumerated() {
            let rows = layout.queries(at: times[i], output: 0, doses: template.doses, scaling: scaling, lastGiven: nil)
            queryData.replaceSubrange((i * q * qw)..<(i * q * qw + rows.count), with: rows)
            covariateData += layout.covariateFeatures(template)
        }
        let heads = network.decode(studyLatent: zs, individualLatent: zi, queries: Tensor(shape: [v, q, qw], scalars: queryData),
                                   covariates: Tensor(shape: [v, layout.covariateWidth], scalars: covariateData)).scalars
        let hs = network.decoder.headSize
        return (0..<v).map { i in
            (0..<times[i].count).map { j in
                let start = (i * q + j) * hs
                let mixture = network.decoder.distribution(heads[start..<(start + hs)])
                return scaling.concentration(fromLog: sample(mixture, rng: &rng))
            }
        }
    }

    /// One draw from a Gaussian mixture: a component by weight, then its normal.
    static func sample(_ mixture: GaussianMixture, rng: inout SeededGenerator) -> Double {
        var u = rng.uniform(), k = 0
        while k < mixture.weights.count - 1 && u >= mixture.weights[k] { u -= mixture.weights[k]; k += 1 }
        return mixture.means[k] + mixture.sds[k] * rng.normal()
    }
}
