/// A float32 tensor: a shape and contiguous row-major storage.
///
/// Tensors are reference types so the tape can identify parameters by identity. Ops never mutate their
/// inputs; they return new tensors (storage is copy-on-write, so `reshaped` shares it).
///
/// Gradients: a tensor with `requiresGrad == true` is a *leaf* whose gradient `Tape.backward` returns
/// (parameters, or inputs of a gradient check). Tensors produced by ops inside `Tape.record` carry their
/// gradient implicitly; everything else is a constant.
///
/// Thread safety: any number of threads may read a tensor (use it as an op input) concurrently. Mutation
/// (`scalars` setter, `Adam.step`, loading weights) must not overlap with reads.
public final class Tensor {
    /// Dimensions, outermost first. `[]` is a scalar (count 1).
    public let shape: [Int]
    /// Row-major storage, `count == shape.product`.
    public internal(set) var data: [Float]
    /// Marks a leaf whose gradient `Tape.backward` reports (parameters are created with it set).
    public var requiresGrad: Bool = false

    /// Identity of the tape that recorded the op producing this tensor (0: none) and its gradient slot there.
    var tapeID: UInt64 = 0
    var tapeSlot: Int = -1

    public init(shape: [Int], scalars: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor: negative dimension in shape \(shape)")
        precondition(Tensor.elementCount(shape) == scalars.count,
                     "Tensor: shape \(shape) needs \(Tensor.elementCount(shape)) scalars, got \(scalars.count)")
        self.shape = shape
        self.data = scalars
    }

    /// A 0-rank tensor holding one value.
    public convenience init(_ value: Float) {
        self.init(shape: [], scalars: [value])
    }

    public convenience init(filling value: Float, shape: [Int]) {
        self.init(shape: shape, scalars: [Float](repeating: value, count: Tensor.elementCount(shape)))
    }

    /// The storage as an array (get), or replaced wholesale (set; the count must not change).
    public var scalars: [Float] {
        get { data }
        set {
            precondition(newValue.count == data.count, "Tensor.scalars: expected \(data.count) values, got \(newValue.count)")
            data = newValue
        }
    }

    public var count: Int { data.count }
    public var rank: Int { shape.count }

    /// The value of a one-element tensor.
    public var scalar: Float {
        precondition(data.count == 1, "Tensor.scalar: tensor of shape \(shape) has \(data.count) elements")
        return data[0]
    }

    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(filling: 0, shape: shape) }
    public static func ones(_ shape: [Int]) -> Tensor { Tensor(filling: 1, shape: shape) }

    /// Independent N(0, std²) entries.
    public static func randn(_ shape: [Int], std: Float = 1, rng: inout TensorRNG) -> Tensor {
        let n = elementCount(shape)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = rng.normal() * std }
        return Tensor(shape: shape, scalars: values)
    }

    /// Independent U[low, high) entries.
    public static func uniform(_ shape: [Int], low: Float, high: Float, rng: inout TensorRNG) -> Tensor {
        let n = elementCount(shape)
        var values = [Float](repeating: 0, count: n)
        for i in 0..<n { values[i] = low + (high - low) * rng.uniform() }
        return Tensor(shape: shape, scalars: values)
    }

    /// A trainable leaf: `requiresGrad == true`. Layers create their weights with this.
    public static func parameter(shape: [Int], scalars: [Float]) -> Tensor {
        let t = Tensor(shape: shape, scalars: scalars)
        t.requiresGrad = true
        return t
    }

    /// Marks `self` as a gradient leaf and returns it (for gradient checks of non-parameter inputs).
    @discardableResult
    public func requiringGrad() -> Tensor {
        requiresGrad = true
        return self
    }

    /// A constant copy (no gradient link) with the same shape and values.
    public func detached() -> Tensor { Tensor(shape: shape, scalars: data) }

    static func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }
}

/// `Parameter` is a `Tensor` created with `Tensor.parameter(shape:scalars:)` (`requiresGrad == true`).
public typealias Parameter = Tensor

extension Tensor: CustomStringConvertible {
    public var description: String {
        let shown = data.prefix(8).map { String($0) }.joined(separator: ", ")
        return "Tensor(shape: \(shape), [\(shown)\(data.count > 8 ? ", …" : "")])"
    }
}
