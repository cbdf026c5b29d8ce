/// A lookup table `weight [count, dim]` (init N(0, 1)); `callAsFunction(indices)` → `[indices.count, dim]`.
public final class Embedding: Layer {
    public let weight: Tensor

    public init(_ count: Int, _ dim: Int, rng: inout TensorRNG) {
        weight = Tensor.randn([count, dim], std: 1, rng: &rng).requiringGrad()
    }

    public var parameters: [(name: String, tensor: Tensor)] { [("weight", weight)] }

    public func callAsFunction(_ indices: [Int]) -> Tensor {
        for i in indices {
            precondition(i >= 0 && i < weight.shape[0], "Embedding: index \(i) out of range 0..<\(weight.shape[0])")
        }
        return weight.indexSelect(axis: 0, indices: indices)
    }
}
