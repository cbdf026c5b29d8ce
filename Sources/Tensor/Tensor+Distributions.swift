import Foundation

/// Gaussian helpers, elementwise with broadcasting, built from differentiable ops.
extension Tensor {
    /// log N(x; mean, exp(logVar)) = −½ (log 2π + logVar + (x − mean)² e^(−logVar)).
    public static func gaussianLogDensity(x: Tensor, mean: Tensor, logVar: Tensor) -> Tensor {
        let z = (x - mean).square() * (-logVar).exp()
        return (z + logVar + Float(Foundation.log(2 * Double.pi))) * (-0.5)
    }

    /// KL(N(mean1, e^logVar1) ‖ N(mean2, e^logVar2))
    ///   = ½ (logVar2 − logVar1 + (e^logVar1 + (mean1 − mean2)²) e^(−logVar2) − 1).
    public static func klDiagonalGaussian(mean1: Tensor, logVar1: Tensor, mean2: Tensor, logVar2: Tensor) -> Tensor {
        let ratio = (logVar1.exp() + (mean1 - mean2).square()) * (-logVar2).exp()
        return (logVar2 - logVar1 + ratio - 1) * 0.5
    }
}
