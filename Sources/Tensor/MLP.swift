/// Linear layers `sizes[0] → sizes[1] → …` with `activation` between them (none after the last).
/// Parameter names `l0.weight`, `l0.bias`, `l1.weight`, …
public final class MLP: Layer {
    public let layers: [Linear]
    public let activation: Activation

    public init(_ sizes: [Int], activation: Activation = .gelu, rng: inout TensorRNG) {
        precondition(sizes.count >= 2, "MLP: needs at least input and output sizes, got \(sizes)")
        var layers: [Linear] = []
        for i in 0..<(sizes.count - 1) { layers.append(Linear(sizes[i], sizes[i + 1], rng: &rng)) }
        self.layers = layers
        self.activation = activation
    }

    public var parameters: [(name: String, tensor: Tensor)] {
        layers.enumerated().flatMap { prefixed("l\($0.offset)", $0.element.parameters) }
    }

    public func callAsFunction(_ x: Tensor) -> Tensor {
        var h = x
        for (i, layer) in layers.enumerated() {
            h = Tensor.linear(h, weight: layer.weight, bias: layer.bias, activation: i < layers.count - 1 ? activation : .identity)
        }
        return h
    }
}
