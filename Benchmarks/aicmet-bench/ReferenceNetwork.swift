import Foundation
import Tensor

/// The engine benchmark's network (issue 3), layer for layer as `/work/shared/bench/reference_step.py`:
/// B = 32 studies × I = 11 individuals (10 context + 1 target) × T = 15 observations of 4 features,
/// observation MLP 4→128→128 (ReLU), GRU 2 × 128, self-attention (4 heads) + LayerNorm, attention
/// pooling over time (4 heads) → per-individual 128; target → q(z_i) (32), context pooled → q(z_s) (64);
/// decoder: query-time MLP 1→256→256, tokens [z_s→256, z_i→256], 2 cross-attention blocks
/// (8 heads, LayerNorm, residual MLP 256→256→256), head MLP 256→256→2; Gaussian NLL + KL to N(0, I).
final class ReferenceNetwork: Layer {
    static let contextCount = 10
    let obsEmbed: MLP, gru: GRU, selfAttention: MultiHeadAttention, selfNorm: LayerNorm
    let timePool: AttentionPooling, individualHead: Linear, studyPool: AttentionPooling, studyHead: Linear
    let queryEmbed: MLP, studyToken: Linear, individualToken: Linear
    let blocks: [(attention: MultiHeadAttention, norm1: LayerNorm, mlp: MLP, norm2: LayerNorm)]
    let outHead: MLP

    init(rng: inout TensorRNG) {
        obsEmbed = MLP([4, 128, 128], activation: .relu, rng: &rng)
        gru = GRU(inputSize: 128, hiddenSize: 128, layers: 2, rng: &rng)
        selfAttention = MultiHeadAttention(dim: 128, heads: 4, rng: &rng)
        selfNorm = LayerNorm(128)
        timePool = AttentionPooling(dim: 128, heads: 4, rng: &rng)
        individualHead = Linear(128, 64, rng: &rng)
        studyPool = AttentionPooling(dim: 128, heads: 4, rng: &rng)
        studyHead = Linear(128, 128, rng: &rng)
        queryEmbed = MLP([1, 256, 256], activation: .relu, rng: &rng)
        studyToken = Linear(64, 256, rng: &rng)
        individualToken = Linear(32, 256, rng: &rng)
        blocks = (0..<2).map { _ in
            (MultiHeadAttention(dim: 256, heads: 8, rng: &rng), LayerNorm(256),
             MLP([256, 256, 256], activation: .relu, rng: &rng), LayerNorm(256))
        }
        outHead = MLP([256, 256, 2], activation: .relu, rng: &rng)
    }

    var parameters: [(name: String, tensor: Tensor)] {
        var p = prefixed("obs", obsEmbed.parameters) + prefixed("gru", gru.parameters)
        p += prefixed("sa", selfAttention.parameters) + prefixed("sa_ln", selfNorm.parameters)
        p += prefixed("time_pool", timePool.parameters) + prefixed("ind_head", individualHead.parameters)
        p += prefixed("study_pool", studyPool.parameters) + prefixed("study_head", studyHead.parameters)
        p += prefixed("q_embed", queryEmbed.parameters) + prefixed("zs", studyToken.parameters)
        p += prefixed("zi", individualToken.parameters)
        for (i, b) in blocks.enumerated() {
            p += prefixed("block\(i).attn", b.attention.parameters) + prefixed("block\(i).ln1", b.norm1.parameters)
            p += prefixed("block\(i).mlp", b.mlp.parameters) + prefixed("block\(i).ln2", b.norm2.parameters)
        }
        return p + prefixed("out", outHead.parameters)
    }

    /// Mean over studies of Σ_q NLL + KL_i + KL_s.
    func loss(_ batch: ReferenceBatch) -> Tensor {
        let b = batch.studies, i = 11, t = 15
        let n = b * i
        var h = obsEmbed(batch.x.reshaped([n, t, 4]))
        h = gru(h, lengths: batch.lengths).outputs
        h = selfNorm(h + selfAttention(query: h, key: h, value: h, keyMask: batch.mask))
        let v = timePool(h, mask: batch.mask).reshaped([b, i, 128])
        let context = v.slice(axis: 1, range: 0..<ReferenceNetwork.contextCount)
        let target = v.slice(axis: 1, range: ReferenceNetwork.contextCount..<i).reshaped([b, 128])
        let ih = individualHead(target)
        let muI = ih.slice(axis: 1, range: 0..<32), lvI = ih.slice(axis: 1, range: 32..<64)
        let zI = muI + (lvI * 0.5).exp() * batch.noiseI
        let sh = studyHead(studyPool(context, mask: nil))
        let muS = sh.slice(axis: 1, range: 0..<64), lvS = sh.slice(axis: 1, range: 64..<128)
        let zS = muS + (lvS * 0.5).exp() * batch.noiseS
        var q = queryEmbed(batch.queryTimes)
        let kv = Tensor.concat([studyToken(zS).reshaped([b, 1, 256]), individualToken(zI).reshaped([b, 1, 256])], axis: 1)
        for blk in blocks {
            q = blk.norm1(q + blk.attention(query: q, key: kv, value: kv, keyMask: nil))
            q = blk.norm2(q + blk.mlp(q))
        }
        let o = outHead(q)
        let muY = o.slice(axis: 2, range: 0..<1).reshaped([b, 30]), lvY = o.slice(axis: 2, range: 1..<2).reshaped([b, 30])
        let nll = -Tensor.gaussianLogDensity(x: batch.y, mean: muY, logVar: lvY)
        let klI = ((muI.square() + lvI.exp() - 1 - lvI) * 0.5).sum(axis: -1)
        let klS = ((muS.square() + lvS.exp() - 1 - lvS) * 0.5).sum(axis: -1)
        return (nll.sum(axis: -1) + klI + klS).mean()
    }
}

/// A synthetic batch shaped like the reference's `make_batch` (lengths uniform in 9…15, padded steps 0).
struct ReferenceBatch {
    let studies: Int
    let x: Tensor          // [B, I, T, 4]
    let lengths: [Int]     // [B·I]
    let mask: Tensor       // [B·I, T], 1 valid
    let queryTimes: Tensor // [B, Q, 1]
    let y: Tensor          // [B, Q]
    let noiseI: Tensor     // [B, 32]
    let noiseS: Tensor     // [B, 64]

    init(studies: Int, rng: inout TensorRNG) {
        self.studies = studies
        let n = studies * 11, t = 15
        lengths = (0..<n).map { _ in 9 + rng.int(below: 7) }
        var xv = [Float](repeating: 0, count: n * t * 4), mv = [Float](repeating: 0, count: n * t)
        for s in 0..<n {
            var time: Float = 0
            for k in 0..<lengths[s] {
                let dt = 2 * rng.uniform()
                time += dt
                let value = 10 * rng.uniform() + 0.1
                xv.replaceSubrange((s * t + k) * 4..<(s * t + k + 1) * 4, with: [time, value, Foundation.log(value), dt])
                mv[s * t + k] = 1
            }
        }
        x = Tensor(shape: [studies, 11, t, 4], scalars: xv)
        mask = Tensor(shape: [n, t], scalars: mv)
        queryTimes = Tensor.uniform([studies, 30, 1], low: 0, high: 24, rng: &rng)
        y = Tensor.randn([studies, 30], rng: &rng)
        noiseI = Tensor.randn([studies, 32], rng: &rng)
        noiseS = Tensor.randn([studies, 64], rng: &rng)
    }
}
