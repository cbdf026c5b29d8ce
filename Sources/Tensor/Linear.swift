/// y = x Wᵀ + b. x `[..., in]` → `[..., out]`. Parameters `weight [out, in]`, `bias [out]` (PyTorch layout
/// and initialisation: U(−1/√in, 1/√in)).
public final class Linear: Layer {
    public let weight: Tensor
    public let bias: Tensor?
    public let inFeatures: Int
    public let outFeatures: Int

    public init(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true, rng: inout TensorRNG) {
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        let bound = 1 / Float(inFeatures).squareRoot()
        weight = Tensor.uniform([outFeatures, inFeatures], low: -bound, high: bound, rng: &rng).requiringGrad()
        self.bias = bias ? Tensor.uniform([outFeatures], low: -bound, high: bound, rng: &rng).requiringGrad() : nil
    }

    public var parameters: [(name: String, tensor: Tensor)] {
        var p: [(name: String, tensor: Tensor)] = [("weight", weight)]
        if let bias { p.append(("bias", bias)) }
        return p
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.linear(x, weight: weight, bias: bias)
    }

    /// act(self(x)), fused into one op.
    public func callAsFunction(_ x: Tensor, activation: Activation) -> Tensor {
        Tensor.linear(x, weight: weight, bias: bias, activation: activation)
    }
}
