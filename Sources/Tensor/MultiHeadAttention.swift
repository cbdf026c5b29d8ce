/// Multi-head scaled dot-product attention with key-padding masks (self or cross).
/// query `[B, Tq, D]`, key/value `[B, Tk, keyDim]`, keyMask `[B, Tk]` (1 valid, 0 pad) → `[B, Tq, D]`.
/// Projections `q [D→D]`, `k`, `v [keyDim→D]`, `out [D→D]`; head width D / heads; scores scaled by
/// 1/√(D/heads). A query row whose keys are all masked attends to nothing: its pre-projection output is 0.
public final class MultiHeadAttention: Layer {
    public let dim: Int
    public let heads: Int
    public let q: Linear, k: Linear, v: Linear, out: Linear

    public init(dim: Int, heads: Int, keyDim: Int? = nil, rng: inout TensorRNG) {
        precondition(dim % heads == 0, "MultiHeadAttention: dim \(dim) not divisible by \(heads) heads")
        self.dim = dim
        self.heads = heads
        q = Linear(dim, dim, rng: &rng)
        k = Linear(keyDim ?? dim, dim, rng: &rng)
        v = Linear(keyDim ?? dim, dim, rng: &rng)
        out = Linear(dim, dim, rng: &rng)
    }

    public var parameters: [(name: String, tensor: Tensor)] {
        prefixed("q", q.parameters) + prefixed("k", k.parameters) + prefixed("v", v.parameters) + prefixed("out", out.parameters)
    }

    public func callAsFunction(query: Tensor, key: Tensor, value: Tensor, keyMask: Tensor?) -> Tensor {
        precondition(query.rank == 3 && key.rank == 3 && value.rank == 3 && key.shape[0] == query.shape[0]
                     && value.shape[0] == query.shape[0] && value.shape[1] == key.shape[1],
                     "MultiHeadAttention: query \(query.shape), key \(key.shape), value \(value.shape) must be [B, T, ·] with matching B, Tk")
        let o = Tensor.attention(query: q(query), key: k(key), value: v(value), heads: heads, keyMask: keyMask)
        return out(o)
    }

    /// Cross-attention from packed query rows: query `[V, D]` holds the valid positions `packing` selects of a
    /// `[B, Tq]` layout; key/value `[B, Tk, keyDim]`, keyMask `[B, Tk]` → `[V, D]`, the valid rows of
    /// `callAsFunction(query:key:value:keyMask:)` on the padded query. Projections run on the V rows only.
    public func callAsFunction(packedQuery query: Tensor, packing: RowPacking, key: Tensor, value: Tensor, keyMask: Tensor?) -> Tensor {
        let o = Tensor.attention(query: packing.unpack(q(query)), key: k(key), value: v(value), heads: heads, keyMask: keyMask)
        return out(packing.pack(o))
    }

    /// Self-attention of packed rows: x `[V, D]` holds the valid positions `packing` selects of a `[B, T]`
    /// layout; each position attends to the valid positions of its own row b → `[V, D]`. Projections run on
    /// the V rows only.
    public func selfAttention(packed x: Tensor, packing: RowPacking) -> Tensor {
        let keyMask = Tensor(shape: [packing.batch, packing.steps], scalars: packing.validMask)
        let o = Tensor.attention(query: packing.unpack(q(x)), key: packing.unpack(k(x)), value: packing.unpack(v(x)),
                                 heads: heads, keyMask: keyMask)
        return out(packing.pack(o))
    }
}
