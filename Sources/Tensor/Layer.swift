/// A module with named trainable parameters. Names are dotted paths (`"gru.l0.w_ih"`); composite layers
/// prefix their children's names with the child's field name.
public protocol Layer {
    var parameters: [(name: String, tensor: Tensor)] { get }
}

extension Layer {
    /// The parameter tensors in `parameters` order (for `Adam(parameters:)`).
    public var parameterTensors: [Tensor] { parameters.map(\.tensor) }

    /// Total number of scalars over all parameters.
    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.tensor.count } }
}

/// Prefixes each name with `prefix + "."`.
public func prefixed(_ prefix: String, _ parameters: [(name: String, tensor: Tensor)]) -> [(name: String, tensor: Tensor)] {
    parameters.map { (name: prefix + "." + $0.name, tensor: $0.tensor) }
}

/// Activation functions for `MLP`.
public enum Activation: String, Sendable, CaseIterable {
    case gelu, relu, tanh, sigmoid, identity

    public func callAsFunction(_ x: Tensor) -> Tensor {
        switch self {
        case .gelu: return x.gelu()
        case .relu: return x.relu()
        case .tanh: return x.tanh()
        case .sigmoid: return x.sigmoid()
        case .identity: return x
        }
    }
}
