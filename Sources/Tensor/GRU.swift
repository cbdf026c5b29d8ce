/// A multi-layer GRU over padded batches (PyTorch semantics and parameter layout, h₀ = 0).
/// Parameters per layer k: `l{k}.w_ih [3H, in]`, `l{k}.w_hh [3H, H]`, `l{k}.b_ih [3H]`, `l{k}.b_hh [3H]`,
/// initialised U(−1/√H, 1/√H).
public final class GRU: Layer {
    public let inputSize: Int
    public let hiddenSize: Int
    public let wIH: [Tensor], wHH: [Tensor], bIH: [Tensor], bHH: [Tensor]

    public init(inputSize: Int, hiddenSize: Int, layers: Int = 1, rng: inout TensorRNG) {
        precondition(layers >= 1, "GRU: needs at least one layer")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        let bound = 1 / Float(hiddenSize).squareRoot()
        var wi: [Tensor] = [], wh: [Tensor] = [], bi: [Tensor] = [], bh: [Tensor] = []
        for k in 0..<layers {
            let inF = k == 0 ? inputSize : hiddenSize
            wi.append(Tensor.uniform([3 * hiddenSize, inF], low: -bound, high: bound, rng: &rng).requiringGrad())
            wh.append(Tensor.uniform([3 * hiddenSize, hiddenSize], low: -bound, high: bound, rng: &rng).requiringGrad())
            bi.append(Tensor.uniform([3 * hiddenSize], low: -bound, high: bound, rng: &rng).requiringGrad())
            bh.append(Tensor.uniform([3 * hiddenSize], low: -bound, high: bound, rng: &rng).requiringGrad())
        }
        wIH = wi; wHH = wh; bIH = bi; bHH = bh
    }

    public var layerCount: Int { wIH.count }

    public var parameters: [(name: String, tensor: Tensor)] {
        (0..<layerCount).flatMap { k -> [(name: String, tensor: Tensor)] in
            [("l\(k).w_ih", wIH[k]), ("l\(k).w_hh", wHH[k]), ("l\(k).b_ih", bIH[k]), ("l\(k).b_hh", bHH[k])]
        }
    }

    /// x `[N, T, F]`; sequence n uses steps `0..<lengths[n]`. Returns the top layer's outputs `[N, T, H]`
    /// (exactly 0 at padded steps) and each sequence's last valid state `[N, H]` (zeros when length 0).
    public func callAsFunction(_ x: Tensor, lengths: [Int]) -> (outputs: Tensor, last: Tensor) {
        var h = x
        for k in 0..<layerCount {
            h = Tensor.gruLayer(h, lengths: lengths, wIH: wIH[k], wHH: wHH[k], bIH: bIH[k], bHH: bHH[k])
        }
        let steps = x.shape[1]
        let rows = lengths.enumerated().map { $0.element > 0 ? $0.offset * steps + $0.element - 1 : -1 }
        let last = h.reshaped([x.shape[0] * steps, hiddenSize]).indexSelect(axis: 0, indices: rows)
        return (h, last)
    }
}
