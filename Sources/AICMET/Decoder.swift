import Tensor

/// The output distribution of the decoder at one query time, over normalised log-concentration
/// y = log(c / C) (C = the context's maximum concentration). A decoder maps a head vector of
/// `headSize` floats to a distribution.
public protocol Decoder: Sendable {
    var spec: DecoderSpec { get }
    var headSize: Int { get }
    /// The head columns that are means of log-concentration (a mechanistic mean is added to them).
    var meanColumns: Range<Int> { get }
    /// head [..., headSize], targets [...] → log p(target | head) [...]. Differentiable.
    func logLikelihood(head: Tensor, targets: Tensor) -> Tensor
    /// The distribution a head row stands for, as a mixture of Gaussians (one component for `gaussian`).
    func distribution(_ head: ArraySlice<Float>) -> GaussianMixture
}

/// Log-variances are clamped to this range before use (aicmet-model.md §2).
let logVarianceRange: (min: Float, max: Float) = (-10, 10)

public func makeDecoder(_ spec: DecoderSpec) -> any Decoder {
    spec.id == "mixture" ? MixtureDecoder(components: spec.components) : GaussianDecoder()
}

/// N(mean, exp(logVar)); head = [mean, logVar].
public struct GaussianDecoder: Decoder {
    public init() {}
    public var spec: DecoderSpec { DecoderSpec(id: "gaussian") }
    public var headSize: Int { 2 }
    public var meanColumns: Range<Int> { 0..<1 }

    public func logLikelihood(head: Tensor, targets: Tensor) -> Tensor {
        let mean = head.slice(axis: -1, range: 0..<1)
        let logVar = head.slice(axis: -1, range: 1..<2).clamp(min: logVarianceRange.min, max: logVarianceRange.max)
        let x = targets.reshaped(mean.shape)
        return Tensor.gaussianLogDensity(x: x, mean: mean, logVar: logVar).reshaped(targets.shape)
    }

    public func distribution(_ head: ArraySlice<Float>) -> GaussianMixture {
        let h = Array(head)
        let logVar = min(max(h[1], logVarianceRange.min), logVarianceRange.max)
        return GaussianMixture(weights: [1], means: [Double(h[0])], sds: [Double((0.5 * logVar).exp())])
    }
}

/// Σ_k w_k N(mean_k, exp(logVar_k)); head = [K logits, K means, K logVars], w = softmax(logits).
public struct MixtureDecoder: Decoder {
    public let components: Int
    public init(components: Int) { self.components = components }
    public var spec: DecoderSpec { DecoderSpec(id: "mixture", components: components) }
    public var headSize: Int { 3 * components }
    public var meanColumns: Range<Int> { components..<(2 * components) }

    public func logLikelihood(head: Tensor, targets: Tensor) -> Tensor {
        let k = components
        let logits = head.slice(axis: -1, range: 0..<k)
        let means = head.slice(axis: -1, range: k..<(2 * k))
        let logVars = head.slice(axis: -1, range: (2 * k)..<(3 * k)).clamp(min: logVarianceRange.min, max: logVarianceRange.max)
        let logWeights = logits - logits.logSumExp(axis: -1, keepDims: true)
        let x = targets.reshaped(targets.shape + [1])
        let perComponent = logWeights + Tensor.gaussianLogDensity(x: x, mean: means, logVar: logVars)
        return perComponent.logSumExp(axis: -1)
    }

    public func distribution(_ head: ArraySlice<Float>) -> GaussianMixture {
        let h = Array(head)
        let k = components
        let maxLogit = h[0..<k].max()!
        var weights = (0..<k).map { Double((h[$0] - maxLogit).exp()) }
        let total = weights.reduce(0, +)
        weights = weights.map { $0 / total }
        let means = (0..<k).map { Double(h[k + $0]) }
        let sds = (0..<k).map { Double((0.5 * min(max(h[2 * k + $0], logVarianceRange.min), logVarianceRange.max)).exp()) }
        return GaussianMixture(weights: weights, means: means, sds: sds)
    }
}

private extension Float {
    func exp() -> Float { Foundation.exp(self) }
}
import Foundation
