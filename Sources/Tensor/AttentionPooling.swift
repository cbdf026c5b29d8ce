/// Pools a masked set `x [B, T, D]` (mask `[B, T]`, 1 valid) into `[B, D]`: a learned query `[D]` attends
/// over x with multi-head attention. A row with no valid entries yields the output projection's bias.
/// Parameters `query`, `attn.*`.
public final class AttentionPooling: Layer {
    public let query: Tensor
    public let attention: MultiHeadAttention

    public init(dim: Int, heads: Int, rng: inout TensorRNG) {
        let bound = 1 / Float(dim).squareRoot()
        query = Tensor.uniform([dim], low: -bound, high: bound, rng: &rng).requiringGrad()
        attention = MultiHeadAttention(dim: dim, heads: heads, rng: &rng)
    }

    public var parameters: [(name: String, tensor: Tensor)] {
        [("query", query)] + prefixed("attn", attention.parameters)
    }

    public func callAsFunction(_ x: Tensor, mask: Tensor?) -> Tensor {
        let b = x.shape[0], d = query.count
        let q = query.reshaped([1, 1, d]).broadcast(to: [b, 1, d])
        return attention(query: q, key: x, value: x, keyMask: mask).reshaped([b, d])
    }
}
