import Foundation
import PKData
import PKSim
import Tensor

/// An AICMET variant with its weights: the network plus its spec and the covariate adapters it reads.
/// An ensemble (`VariantSpec.ensemble` = M ≥ 2) has M networks of one architecture, trained apart: its own
/// `network` is member 0, `otherMembers` the rest; its predictive is the equal mixture of theirs.
public final class AICMETModel {
    public let spec: VariantSpec
    public let network: AICMETNetwork
    /// Members 1..<M of an ensemble as single models (their spec has no `ensemble`); empty for a single model.
    public let otherMembers: [AICMETModel]
    public var layout: FeatureLayout { network.layout }

    /// A freshly initialised model (member m of an ensemble seeded `seed + m`). `adapters` must be the spec's
    /// adapters, in order.
    public init(spec: VariantSpec, adapters: [any CovariateAdapter], seed: UInt64) throws {
        guard adapters.map(\.id) == spec.adapters else {
            throw AICMETError.invalidSpec("variant '\(spec.name)' names adapters \(spec.adapters) but was given \(adapters.map(\.id))")
        }
        if let members = spec.ensemble, members < 2 {
            throw AICMETError.invalidSpec("variant '\(spec.name)' is an ensemble of \(members) networks; an ensemble has at least 2 (omit `ensemble` for one)")
        }
        self.spec = spec
        network = AICMETNetwork(size: spec.size, layout: FeatureLayout(outputs: spec.outputs, adapters: adapters,
                                                                                  relativeQueryTime: spec.relativeQueryTime ?? false,
                                                                                  mechanistic: spec.mechanistic ?? false),
                                decoder: makeDecoder(spec.decoder), givenAttention: spec.givenAttention ?? false,
                                studyConditioned: spec.studyConditioned ?? false,
                                mechanisticRelease: spec.mechanisticRelease ?? false, seed: seed)
        otherMembers = try (1..<max(1, spec.memberCount)).map {
            try AICMETModel(spec: spec.singleMember, adapters: adapters, seed: seed &+ UInt64($0))
        }
    }

    /// `other`'s networks (shared, not copied) under `spec`, which differs from `other.spec` only in what the
    /// networks do not read (name, inference plan, held-out spread).
    convenience init(spec: VariantSpec, sharingNetworkOf other: AICMETModel) {
        self.init(spec: spec, network: other.network, otherMembers: other.otherMembers)
    }

    init(spec: VariantSpec, network: AICMETNetwork, otherMembers: [AICMETModel]) {
        self.spec = spec; self.network = network; self.otherMembers = otherMembers
    }

    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.tensor.count } }

    /// Predictive distributions over normalised log-concentration at `times` for output `output`, for `target`
    /// (its doses, covariates and given observations) in the study formed by `context`. The mixture pools
    /// `samples` draws of (z_s, z_n) and, within each, the decoder's own distribution; `inference` says how
    /// z_n is drawn (see `LatentInference`; `bandwidth` smooths the population of `combined`;
    /// `likelihoodWeight` w tempers what the target's given points say: `individualLatents`, and the
    /// importance weights of `population` are raised to w). `cache` keeps
    /// the context subjects' encoder summaries for further forecasts of the same study (`InStudyCalibration`).
    /// An ensemble splits `samples` evenly over its members (member m draws with seed `seed + m·φ`, its own
    /// encoder cache) and pools their mixtures weighted by their share of the samples.
    public func predictiveDistributions(context: [Subject], target: Subject, times: [Double], output: Int = 0,
                                        samples: Int = 64, seed: UInt64 = 0,
                                        inference: LatentInference = .amortized, bandwidth: Double = 0, likelihoodWeight: Double = 1,
                                        cache: EncoderCache? = nil) throws -> (scaling: StudyScaling, distributions: [GaussianMixture]) {
        guard !otherMembers.isEmpty else {
            return try memberPredictive(context: context, target: target, times: times, output: output, samples: samples, seed: seed,
                                        inference: inference, bandwidth: bandwidth, likelihoodWeight: likelihoodWeight, cache: cache)
        }
        let models = [self] + otherMembers, m = models.count
        let shares = (0..<m).map { samples / m + ($0 < samples % m ? 1 : 0) }
        var scaling: StudyScaling?, parts: [[GaussianMixture]] = [], weights: [Double] = []
        for (i, model) in models.enumerated() where shares[i] > 0 {
            let part = try model.memberPredictive(context: context, target: target, times: times, output: output, samples: shares[i],
                                                  seed: seed &+ UInt64(i) &* 0x9E37_79B9_7F4A_7C15, inference: inference,
                                                  bandwidth: bandwidth, likelihoodWeight: likelihoodWeight, cache: cache?.member(i))
            scaling = part.scaling; parts.append(part.distributions); weights.append(Double(shares[i]) / Double(samples))
        }
        return (scaling!, times.indices.map { j in GaussianMixture.pooling(parts.map { $0[j] }, weights: weights) })
    }

    /// `predictiveDistributions` of this model's own network alone.
    private func memberPredictive(context: [Subject], target: Subject, times: [Double], output: Int, samples: Int, seed: UInt64,
                                  inference: LatentInference, bandwidth: Double, likelihoodWeight: Double,
                                  cache: EncoderCache?) throws -> (scaling: StudyScaling, distributions: [GaussianMixture]) {
        guard output < spec.outputs else {
            throw AICMETError.invalidInput("output \(output) is not modelled by '\(spec.name)' (it has \(spec.outputs) output(s))")
        }
        let scaling = try StudyScaling.from(context: context, fallback: [target])
        let layout = network.layout
        var sequences: [[Float]] = []
        var lengths: [Int] = []
        for subject in context + [target] {
            let observations = layout.usableObservations(subject)
            sequences.append(layout.tokens(for: observations, of: subject, scaling: scaling))
            lengths.append(observations.count)
        }
        let n = context.count, h = spec.size.hidden
        // Encode the context rows not in the cache and the target row (last, for its per-step states) in one batch.
        let encodedRows = (0..<n).filter { cache?.summaries[sequences[$0]] == nil } + [n]
        let l = max(1, encodedRows.map { lengths[$0] }.max() ?? 1), width = layout.tokenWidth
        var data = [Float](repeating: 0, count: encodedRows.count * l * width)
        for (b, i) in encodedRows.enumerated() { data.replaceSubrange((b * l * width)..<(b * l * width + sequences[i].count), with: sequences[i]) }
        let encoded = network.encode(tokens: Tensor(shape: [encodedRows.count, l, width], scalars: data), lengths: encodedRows.map { lengths[$0] })
        var summaryRows = [[Float]](repeating: [], count: n + 1)
        for (b, i) in encodedRows.enumerated() {
            summaryRows[i] = Array(encoded.summaries.scalars[(b * h)..<((b + 1) * h)])
            if i < n { cache?.summaries[sequences[i]] = summaryRows[i] }
        }
        for i in 0..<n where summaryRows[i].isEmpty { summaryRows[i] = cache!.summaries[sequences[i]]! }
        let summaries = Tensor(shape: [n + 1, h], scalars: Array(summaryRows.joined()))
        let targetBatchRow = encodedRows.count - 1

        let members = n > 0 ? summaries.slice(axis: 0, range: 0..<n).reshaped([1, n, h]) : Tensor.zeros([1, 1, h])
        let studyContext = network.studySummary(members, mask: Tensor(filling: n > 0 ? 1 : 0, shape: [1, max(n, 1)]))
        let study = network.studyPosterior(summary: studyContext)
        var rng = TensorRNG(seed: seed)
        let zs = repeatRows(study.mean, samples) + (repeatRows(study.logVar, samples) * 0.5).exp()
            * Tensor.randn([samples, spec.size.studyLatent], std: 1, rng: &rng)

        let mode: LatentInference = lengths.prefix(n).contains { $0 > 0 } ? inference : .amortized
        let zi = individualLatents(summaries: summaries, contextLengths: Array(lengths.prefix(n)), targetRow: lengths[n] > 0 ? n : nil, samples: samples,
                                   mode: mode, bandwidth: bandwidth, likelihoodWeight: likelihoodWeight, study: studyContext, rng: &rng)

        // Decode the given observations (for importance weights) and the requested times in one pass.
        let given = mode == .population ? layout.usableObservations(target) : []
        var queryRows: [Float] = []
        let lastGiven = layout.usableObservations(target).last?.time
        for obs in given { queryRows += layout.queries(at: [obs.time], output: obs.output, doses: target.doses, scaling: scaling, lastGiven: lastGiven) }
        queryRows += layout.queries(at: times, output: output, doses: target.doses, scaling: scaling, lastGiven: lastGiven)
        let g = given.count, q = times.count, total = g + q, qw = layout.queryWidth
        let queries = Tensor(shape: [samples, total, qw], scalars: Array([[Float]](repeating: queryRows, count: samples).joined()))
        let covariates = Tensor(shape: [samples, layout.covariateWidth],
                                scalars: Array([[Float]](repeating: layout.covariateFeatures(target), count: samples).joined()))
        let targetGiven = network.attendsToGiven
            ? (steps: repeatRows(encoded.steps.slice(axis: 0, range: targetBatchRow..<(targetBatchRow + 1)), samples),
               mask: repeatRows(encoded.mask.slice(axis: 0, range: targetBatchRow..<(targetBatchRow + 1)), samples)) : nil
        let heads = network.decode(studyLatent: zs, individualLatent: zi, queries: queries, covariates: covariates,
                                   given: targetGiven).scalars
        let hs = network.decoder.headSize
        func distribution(_ sample: Int, _ point: Int) -> GaussianMixture {
            let start = (sample * total + point) * hs
            return network.decoder.distribution(heads[start..<(start + hs)])
        }
        // Self-normalised importance weights (population inference): the likelihood of the given observations.
        var logWeights = [Double](repeating: 0, count: samples)
        for s in 0..<samples {
            for (j, obs) in given.enumerated() { logWeights[s] += distribution(s, j).logDensity(scaling.logConcentration(obs.value)) }
            logWeights[s] *= likelihoodWeight
        }
        let maxLog = logWeights.max() ?? 0
        var weights = logWeights.map { exp($0 - maxLog) }
        let sum = weights.reduce(0, +)
        weights = weights.map { $0 / sum }
        let distributions = (0..<q).map { j in
            GaussianMixture.pooling((0..<samples).map { distribution($0, g + j) }, weights: weights)
        }
        return (scaling, distributions)
    }

    private func repeatRows(_ row: Tensor, _ count: Int) -> Tensor {
        Tensor(shape: [count] + Array(row.shape.dropFirst()), scalars: Array([[Float]](repeating: row.scalars, count: count).joined()))
    }
}

/// Encoder summaries c_i of token sequences, for repeated forecasts in one study: a summary depends only
/// on its sequence's tokens (padding and batch never change it), so the tokens are the key. Each ensemble
/// member m ≥ 1 keeps its own in `member(m)`.
public final class EncoderCache {
    var summaries: [[Float]: [Float]] = [:]
    private var members: [Int: EncoderCache] = [:]
    public init() {}

    /// The cache of ensemble member `index` (this one for member 0).
    func member(_ index: Int) -> EncoderCache {
        if index == 0 { return self }
        if let cache = members[index] { return cache }
        let cache = EncoderCache()
        members[index] = cache
        return cache
    }
}

/// How the target's individual latent z_n is drawn at inference.
public enum LatentInference: String, Codable, Sendable, CaseIterable {
    /// z_n ~ q(z_n | given observations), the individual encoder's posterior (the training objective's;
    /// N(0, I) when nothing is given).
    case amortized
    /// Empirical Bayes over the study's own population: z_n is drawn from the posteriors q(z_j | D_j) of
    /// the context subjects (the study's distribution of individual latents, the decoder's training
    /// inputs), each draw weighted by the decoder likelihood of the target's given observations
    /// (self-normalised importance sampling). With nothing given, the study's population predictive.
    case population
    /// Empirical Bayes in closed form: the amortized posterior with its N(0, I) prior replaced by the
    /// study population (`PopulationPosterior`); no decoder likelihood, no importance weights.
    case combined
}
