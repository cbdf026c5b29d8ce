/// Gradients of parameters, keyed by tensor identity, in first-seen order (so norms are reproducible).
public struct Gradients {
    private var index: [ObjectIdentifier: Int] = [:]
    public private(set) var tensors: [Tensor] = []
    public private(set) var values: [[Float]] = []

    public init() {}

    /// The gradient of `tensor` (same count, row-major), or nil if the loss did not reach it.
    public subscript(_ tensor: Tensor) -> [Float]? {
        guard let i = index[ObjectIdentifier(tensor)] else { return nil }
        return values[i]
    }

    public var isEmpty: Bool { tensors.isEmpty }
    public var count: Int { tensors.count }

    mutating func accumulate(_ tensor: Tensor, _ grad: UnsafeBufferPointer<Float>) {
        precondition(grad.count == tensor.count)
        if let i = index[ObjectIdentifier(tensor)] {
            values[i].withUnsafeMutableBufferPointer { dst in
                VectorOps.add(grad.baseAddress!, dst.baseAddress!, grad.count)
            }
        } else {
            index[ObjectIdentifier(tensor)] = tensors.count
            tensors.append(tensor)
            values.append(Array(grad))
        }
    }

    /// Adds `other` into `self` (gradients of the same tensor are summed).
    public mutating func add(_ other: Gradients) {
        for (i, t) in other.tensors.enumerated() {
            other.values[i].withUnsafeBufferPointer { accumulate(t, $0) }
        }
    }

    public static func += (lhs: inout Gradients, rhs: Gradients) { lhs.add(rhs) }

    /// Multiplies every gradient by `factor`.
    public mutating func scale(by factor: Float) {
        for i in values.indices {
            values[i].withUnsafeMutableBufferPointer { v in
                let p = v.baseAddress!, n = v.count
                var k = 0
                while k + 8 <= n { store(load(p + k) * factor, p + k); k += 8 }
                while k < n { p[k] *= factor; k += 1 }
            }
        }
    }

    /// sqrt(Σ g²) over all gradients (accumulated in Double).
    public func globalNorm() -> Float {
        var total: Double = 0
        for v in values {
            v.withUnsafeBufferPointer { b in
                let p = b.baseAddress!, n = b.count
                var acc = Vec(repeating: 0)
                var k = 0
                while k + 8 <= n { let x = load(p + k); acc = acc.addingProduct(x, x); k += 8 }
                var partial = Double(VectorOps.horizontalSum(acc))
                while k < n { partial += Double(p[k] * p[k]); k += 1 }
                total += partial
            }
        }
        return Float(total.squareRoot())
    }

    /// Rescales so the global norm is at most `maxNorm`; returns the norm before clipping.
    @discardableResult
    public mutating func clip(maxNorm: Float) -> Float {
        let norm = globalNorm()
        if norm > maxNorm, norm > 0 { scale(by: maxNorm / norm) }
        return norm
    }
}
