/// Layer normalisation over the last axis with learned `gain` (init 1) and `bias` (init 0), eps 1e-5.
public final class LayerNorm: Layer {
    public let gain: Tensor
    public let bias: Tensor
    public let eps: Float

    public init(_ dim: Int, eps: Float = 1e-5) {
        gain = Tensor.parameter(shape: [dim], scalars: [Float](repeating: 1, count: dim))
        bias = Tensor.parameter(shape: [dim], scalars: [Float](repeating: 0, count: dim))
        self.eps = eps
    }

    public var parameters: [(name: String, tensor: Tensor)] { [("weight", gain), ("bias", bias)] }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        Tensor.layerNorm(x, gain: gain, bias: bias, eps: eps)
    }
}
