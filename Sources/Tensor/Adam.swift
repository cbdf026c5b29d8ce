import Dispatch
import Foundation

/// Adam, with decoupled weight decay (AdamW) when `weightDecay > 0`, matching PyTorch's `torch.optim.AdamW`
/// (and `Adam` when weightDecay is 0): per parameter p with gradient g and its own step count t,
///   p ← p (1 − lr·wd);  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;
///   p ← p − lr · (m / (1−β₁ᵗ)) / (√(v / (1−β₂ᵗ)) + ε).
/// Parameters absent from the gradients are left untouched (their step count does not advance).
public final class Adam {
    public let parameters: [Tensor]
    public var learningRate: Float
    public let beta1: Float, beta2: Float, epsilon: Float, weightDecay: Float
    /// Threads the update may use (parameters are split between them; results do not depend on it).
    public var threads: Int = Swift.min(2, ProcessInfo.processInfo.activeProcessorCount)
    private var m: [ScratchBuffer]
    private var v: [ScratchBuffer]
    private var steps: [Int]

    public init(parameters: [Tensor], learningRate: Float, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.parameters = parameters
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        m = parameters.map { ScratchBuffer($0.count) }
        v = parameters.map { ScratchBuffer($0.count) }
        steps = [Int](repeating: 0, count: parameters.count)
    }

    /// Number of updates applied so far (the most-updated parameter's count).
    public var stepCount: Int { steps.max() ?? 0 }

    /// Applies one update with `grads` (not scaled or clipped here; do that on the gradients first).
    public func step(_ grads: Gradients) {
        let lr = learningRate, b1 = beta1, b2 = beta2, eps = epsilon, decay = 1 - learningRate * weightDecay
        // (parameter index, gradient) of the parameters that have one; their step counts advance now.
        var work: [(Int, [Float])] = []
        for (i, p) in parameters.enumerated() {
            guard let g = grads[p] else { continue }
            steps[i] += 1
            work.append((i, g))
        }
        func run(_ range: Range<Int>) {
            for (i, g) in work[range] {
                let t = Double(steps[i])
                let rbc1 = 1 / Float(1 - Foundation.pow(Double(b1), t)), rbc2 = 1 / Float(1 - Foundation.pow(Double(b2), t))
                let p = parameters[i], mi = m[i].p, vi = v[i].p
                g.withUnsafeBufferPointer { pg in
                    p.data.withUnsafeMutableBufferPointer { pp in
                        Adam.update(n: p.count, g: pg.baseAddress!, m: mi, v: vi, p: pp.baseAddress!,
                                    b1: b1, b2: b2, rbc1: rbc1, rbc2: rbc2, eps: eps, lr: lr, decay: decay)
                    }
                }
            }
        }
        let total = work.reduce(0) { $0 + $1.1.count }
        guard threads >= 2, total >= 100_000 else { return run(0..<work.count) }
        // Two contiguous groups of parameters with about half the entries each.
        var split = 0, acc = 0
        while split < work.count && acc + work[split].1.count <= total / 2 { acc += work[split].1.count; split += 1 }
        let ranges = [0..<split, split..<work.count]
        DispatchQueue.concurrentPerform(iterations: 2) { run(ranges[$0]) }
    }

    /// The elementwise AdamW update over n entries (8 lanes at a time).
    @inline(__always)
    static func update(n: Int, g: UnsafePointer<Float>, m: UnsafeMutablePointer<Float>, v: UnsafeMutablePointer<Float>,
                       p: UnsafeMutablePointer<Float>, b1: Float, b2: Float, rbc1: Float, rbc2: Float, eps: Float,
                       lr: Float, decay: Float) {
        var k = 0
        while k + 8 <= n {
            let gk = load(g + k)
            let mk = (b1 * load(m + k)).addingProduct(1 - b1, gk)
            let vk = (b2 * load(v + k)).addingProduct((1 - b2) * gk, gk)
            store(mk, m + k)
            store(vk, v + k)
            let update = (mk * rbc1) / ((vk * rbc2).squareRoot() + eps)
            store((load(p + k) * decay).addingProduct(-lr, update), p + k)
            k += 8
        }
        while k < n {
            let gk = g[k]
            m[k] = b1 * m[k] + (1 - b1) * gk
            v[k] = b2 * v[k] + (1 - b2) * gk * gk
            let update = (m[k] * rbc1) / ((v[k] * rbc2).squareRoot() + eps)
            p[k] = p[k] * decay - lr * update
            k += 1
        }
    }

    /// The optimiser state as named tensors: `m.{i}`, `v.{i}` (moments of parameter i, its shape) and
    /// `step` (`[P]`, per-parameter step counts as floats, exact below 2²⁴).
    public func exportState() -> [(name: String, tensor: Tensor)] {
        var out: [(name: String, tensor: Tensor)] = []
        for (i, p) in parameters.enumerated() {
            out.append(("m.\(i)", Tensor(shape: p.shape, scalars: Array(UnsafeBufferPointer(start: m[i].p, count: p.count)))))
            out.append(("v.\(i)", Tensor(shape: p.shape, scalars: Array(UnsafeBufferPointer(start: v[i].p, count: p.count)))))
        }
        out.append(("step", Tensor(shape: [parameters.count], scalars: steps.map { Float($0) })))
        return out
    }

    /// Restores a state from `exportState()` of an optimiser over parameters of the same shapes.
    public func importState(_ tensors: [String: Tensor]) throws {
        guard let step = tensors["step"] else { throw TensorFileError.missingTensor(name: "step") }
        guard step.count == parameters.count else {
            throw TensorFileError.shapeMismatch(name: "step", expected: [parameters.count], found: step.shape)
        }
        var sources: [(Tensor, Tensor)] = []
        for (i, p) in parameters.enumerated() {
            var pair: [Tensor] = []
            for name in ["m.\(i)", "v.\(i)"] {
                guard let t = tensors[name] else { throw TensorFileError.missingTensor(name: name) }
                guard t.shape == p.shape else { throw TensorFileError.shapeMismatch(name: name, expected: p.shape, found: t.shape) }
                pair.append(t)
            }
            sources.append((pair[0], pair[1]))
        }
        for (i, (mt, vt)) in sources.enumerated() {
            mt.data.withUnsafeBufferPointer { m[i].p.update(from: $0.baseAddress!, count: $0.count) }
            vt.data.withUnsafeBufferPointer { v[i].p.update(from: $0.baseAddress!, count: $0.count) }
        }
        steps = step.data.map { Int($0) }
    }
}
