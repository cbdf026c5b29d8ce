import Tensor

/// The AICMET network (aicmet-model.md §2): an individual encoder (token MLP → GRU → self-attention →
/// attention pooling → q(z_i)), a study encoder (attention pooling over context summaries → q(z_s)) and a
/// functional-attention decoder (query MLP; keys from z_s, z_i, their combination and the covariates;
/// cross-attention blocks; head of the variant's decoder). With `givenAttention`, the decoder's memory also
/// holds the encoder's per-observation states of the target's given prefix (a deterministic path, as in
/// attentive neural processes), so queries can attend to the given points themselves. With
/// `studyConditioned`, q(z_i) reads the study's pooled context summary beside c_i, so what one subject's
/// few points say about it is read in the light of how the study's subjects vary. With a `mechanistic`
/// layout, the decoder's mean is the compartmental `MechanisticMean` of per-subject parameters from
/// (z_s, z_i, covariates), plus the attention decoder's residual; with `mechanisticRelease` its oral doses
/// are released into the depot over a per-subject duration D1 first.
public final class AICMETNetwork: Layer {
    public let size: NetworkSize
    public let layout: FeatureLayout
    public let decoder: any Decoder
    public let studyConditioned: Bool
    public let mechanisticRelease: Bool

    let tokenMLP: MLP
    let gru: GRU
    let selfAttention: MultiHeadAttention
    let encoderNorm: LayerNorm
    let individualPool: AttentionPooling
    let individualHead: Linear
    let studyPool: AttentionPooling
    let studyHead: Linear
    let queryMLP: MLP
    let studyToken: Linear
    let individualToken: Linear
    let jointToken: MLP
    let covariateToken: Linear?
    let givenToken: Linear?
    let blocks: [DecoderBlock]
    let head: Linear
    let mechanisticParameters: MLP?

    public init(size: NetworkSize, layout: FeatureLayout, decoder: any Decoder, givenAttention: Bool = false,
                studyConditioned: Bool = false, mechanisticRelease: Bool = false, seed: UInt64) {
        self.size = size; self.layout = layout; self.decoder = decoder; self.studyConditioned = studyConditioned
        self.mechanisticRelease = layout.mechanistic && mechanisticRelease
        var rng = TensorRNG(seed: seed)
        let h = size.hidden, w = size.decoderWidth
        tokenMLP = MLP([layout.tokenWidth, h, h], rng: &rng)
        gru = GRU(inputSize: h, hiddenSize: h, layers: size.gruLayers, rng: &rng)
        selfAttention = MultiHeadAttention(dim: h, heads: size.encoderHeads, rng: &rng)
        encoderNorm = LayerNorm(h)
        individualPool = AttentionPooling(dim: h, heads: size.encoderHeads, rng: &rng)
        individualHead = Linear(studyConditioned ? 2 * h : h, 2 * size.individualLatent, rng: &rng)
        studyPool = AttentionPooling(dim: h, heads: size.encoderHeads, rng: &rng)
        studyHead = Linear(h, 2 * size.studyLatent, rng: &rng)
        queryMLP = MLP([layout.queryFeatureWidth, w, w], rng: &rng)
        studyToken = Linear(size.studyLatent, w, rng: &rng)
        individualToken = Linear(size.individualLatent, w, rng: &rng)
        jointToken = MLP([size.studyLatent + size.individualLatent, w, w], rng: &rng)
        covariateToken = layout.covariateWidth > 0 ? Linear(layout.covariateWidth, w, rng: &rng) : nil
        givenToken = givenAttention ? Linear(h, w, rng: &rng) : nil
        blocks = (0..<size.decoderBlocks).map { _ in DecoderBlock(width: w, heads: size.decoderHeads, rng: &rng) }
        head = Linear(w, decoder.headSize + (layout.mechanistic ? 1 : 0), rng: &rng)
        mechanisticParameters = layout.mechanistic
            ? MLP([size.studyLatent + size.individualLatent + layout.covariateWidth, w, MechanisticMean.parameterCount(release: self.mechanisticRelease)], rng: &rng) : nil
    }

    public var parameters: [(name: String, tensor: Tensor)] {
        var all: [(String, Tensor)] = []
        func add(_ prefix: String, _ layer: Layer?) {
            guard let layer else { return }
            all += layer.parameters.map { ("\(prefix).\($0.name)", $0.tensor) }
        }
        add("encoder.token", tokenMLP); add("encoder.gru", gru); add("encoder.attention", selfAttention)
        add("encoder.norm", encoderNorm); add("encoder.pool", individualPool); add("encoder.individual_head", individualHead)
        add("study.pool", studyPool); add("study.head", studyHead)
        add("decoder.query", queryMLP); add("decoder.study_token", studyToken); add("decoder.individual_token", individualToken)
        add("decoder.joint_token", jointToken); add("decoder.covariate_token", covariateToken)
        add("decoder.given_token", givenToken)
        for (i, block) in blocks.enumerated() { add("decoder.block\(i)", block) }
        add("decoder.head", head)
        add("decoder.mechanistic", mechanisticParameters)
        return all
    }

    /// Whether `encode` and `objective` run their row-wise layers on valid rows only (the default; identical
    /// values on valid rows, ~30 % less work per training step). false computes every padded row, as a
    /// reference for tests and benchmarks.
    public var packsRows = true

    /// Encoder states of token sequences [S, L, tokenWidth] with `lengths`: per observation `steps` [S, L, hidden]
    /// (0 at padded steps when `packsRows`), `mask` [S, L] (1 = an observation), and the pooled summaries c_i [S, hidden] (0 for a
    /// sequence of length 0).
    public func encode(tokens: Tensor, lengths: [Int]) -> (steps: Tensor, mask: Tensor, summaries: Tensor) {
        let packing = RowPacking(lengths: lengths, steps: tokens.shape[1])
        let mask = Tensor(shape: [packing.batch, packing.steps], scalars: packing.validMask)
        guard packsRows else {
            let (outputs, _) = gru(tokenMLP(tokens), lengths: lengths)
            let normed = encoderNorm(outputs + selfAttention(query: outputs, key: outputs, value: outputs, keyMask: mask))
            return (normed, mask, individualPool(normed, mask: mask))
        }
        // Row-wise layers run on the observations only (packed rows); the GRU packs its own steps.
        let embedded = packing.unpack(tokenMLP(packing.pack(tokens)))
        let (outputs, _) = gru(embedded, lengths: lengths)
        let x = packing.pack(outputs)
        let normed = packing.unpack(encoderNorm(x + selfAttention.selfAttention(packed: x, packing: packing)))
        return (normed, mask, individualPool(normed, mask: mask))
    }

    /// Individual summaries c_i [S, hidden] (see `encode`).
    public func summarise(tokens: Tensor, lengths: [Int]) -> Tensor {
        encode(tokens: tokens, lengths: lengths).summaries
    }

    /// q(z_i | sequence[, study]): summaries [S, hidden] → (mean, logVar) each [S, individualLatent]. A
    /// `studyConditioned` network also reads `study`, the pooled context summary c_s of each row's study
    /// ([S, hidden], or [1, hidden] for one study); other networks ignore it.
    public func individualPosterior(_ summaries: Tensor, study: Tensor? = nil) -> (mean: Tensor, logVar: Tensor) {
        guard studyConditioned else { return split(individualHead(summaries), size.individualLatent) }
        guard let study else { preconditionFailure("a study-conditioned network needs the study summary") }
        let rows = summaries.shape[0]
        let perRow = study.shape[0] == rows ? study : study.broadcast(to: [rows, study.shape[1]])
        return split(individualHead(Tensor.concat([summaries, perRow], axis: 1)), size.individualLatent)
    }

    /// The pooled context summary c_s: members [R, N, hidden] with mask [R, N] → [R, hidden].
    public func studySummary(_ members: Tensor, mask: Tensor) -> Tensor {
        studyPool(members, mask: mask)
    }

    /// q(z_s | context) from c_s [R, hidden] → (mean, logVar) each [R, studyLatent].
    public func studyPosterior(summary: Tensor) -> (mean: Tensor, logVar: Tensor) {
        split(studyHead(summary), size.studyLatent)
    }

    /// q(z_s | context): summaries [R, N, hidden] with mask [R, N] → (mean, logVar) each [R, studyLatent].
    public func studyPosterior(_ members: Tensor, mask: Tensor) -> (mean: Tensor, logVar: Tensor) {
        studyPosterior(summary: studySummary(members, mask: mask))
    }

    /// Whether `decode` reads the target's given observations (`givenAttention`).
    public var attendsToGiven: Bool { givenToken != nil }

    /// Decoder heads [R, Q, headSize] for latents zs [R, dS], zi [R, dI], queries [R, Q, queryWidth],
    /// covariates [R, covariateWidth] and, when `attendsToGiven`, the encoder states of each row's given
    /// observations (`given.steps` [R, L, hidden], `given.mask` [R, L]; nil = nothing given; ignored otherwise).
    /// With `queryMask` [R, Q] (1 = a query whose head is used), the per-query layers run on those queries only
    /// and the other heads are 0; the used heads are those of the unmasked call.
    public func decode(studyLatent zs: Tensor, individualLatent zi: Tensor, queries: Tensor, covariates: Tensor,
                       given: (steps: Tensor, mask: Tensor)? = nil, queryMask: Tensor? = nil) -> Tensor {
        let r = zs.shape[0], w = size.decoderWidth
        var keys = [studyToken(zs), individualToken(zi), jointToken(Tensor.concat([zs, zi], axis: 1))]
        if let covariateToken { keys.append(covariateToken(covariates)) }
        var memory = Tensor.concat(keys.map { $0.reshaped([r, 1, w]) }, axis: 1)
        var memoryMask: Tensor? = nil
        if let givenToken, let given {
            memory = Tensor.concat([memory, givenToken(given.steps)], axis: 1)
            memoryMask = Tensor.concat([Tensor.ones([r, keys.count]), given.mask], axis: 1)
        }
        let packing = RowPacking(mask: queryMask ?? Tensor.ones([r, queries.shape[1]]))
        let packedQueries = packing.pack(queries)   // [V, queryWidth]
        let features = layout.mechanistic ? packedQueries.slice(axis: -1, range: 0..<layout.queryFeatureWidth) : packedQueries
        var x = queryMLP(features)
        for block in blocks { x = block(x, memory: memory, mask: memoryMask, packing: packing) }
        var out = head(x)
        if let mechanisticParameters {
            // Mean columns += log(C + e^ψ); ψ is the head's extra last column. One packed query per row.
            let hs = decoder.headSize, v = packing.count
            let table = packedQueries.slice(axis: -1, range: layout.queryFeatureWidth..<layout.queryWidth)
            let parameters = mechanisticParameters(Tensor.concat(layout.covariateWidth > 0 ? [zs, zi, covariates] : [zs, zi], axis: 1))
            let logC = MechanisticMean.logConcentration(parameters: parameters.indexSelect(axis: 0, indices: packing.batchOfRow),
                                                        table: table.reshaped([v, 1, table.shape[1]]),
                                                        floor: out.slice(axis: -1, range: hs..<(hs + 1)).reshaped([v, 1, 1]),
                                                        release: mechanisticRelease)
            let meanMask = Tensor(shape: [hs], scalars: (0..<hs).map { decoder.meanColumns.contains($0) ? 1 : 0 })
            out = out.slice(axis: -1, range: 0..<hs) + logC.reshaped([v, 1]) * meanMask
        }
        return packing.unpack(out)
    }

    private func split(_ t: Tensor, _ d: Int) -> (mean: Tensor, logVar: Tensor) {
        (t.slice(axis: -1, range: 0..<d),
         t.slice(axis: -1, range: d..<(2 * d)).clamp(min: logVarianceRange.min, max: logVarianceRange.max))
    }
}

/// Cross-attention from queries to the latent memory, then a residual MLP; post-norm.
final class DecoderBlock: Layer {
    let attention: MultiHeadAttention
    let norm1: LayerNorm
    let mlp: MLP
    let norm2: LayerNorm

    init(width: Int, heads: Int, rng: inout TensorRNG) {
        attention = MultiHeadAttention(dim: width, heads: heads, rng: &rng)
        norm1 = LayerNorm(width)
        mlp = MLP([width, 2 * width, width], rng: &rng)
        norm2 = LayerNorm(width)
    }

    var parameters: [(name: String, tensor: Tensor)] {
        attention.parameters.map { ("attention.\($0.name)", $0.tensor) } + norm1.parameters.map { ("norm1.\($0.name)", $0.tensor) }
            + mlp.parameters.map { ("mlp.\($0.name)", $0.tensor) } + norm2.parameters.map { ("norm2.\($0.name)", $0.tensor) }
    }

    /// x [V, width]: the queries `packing` selects of an [R, Q] layout; memory [R, M, width], mask [R, M] or nil
    /// (all valid) → [V, width].
    func callAsFunction(_ x: Tensor, memory: Tensor, mask: Tensor?, packing: RowPacking) -> Tensor {
        let a = norm1(x + attention(packedQuery: x, packing: packing, key: memory, value: memory, keyMask: mask))
        return norm2(a + mlp(a))
    }
}
