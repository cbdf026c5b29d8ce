import Foundation

/// φ(a, b, t) = (e^{a t} − e^{b t}) / (a − b), the response of a mode with rate a to an input decaying with
/// rate b; continuous at a = b (limit t·e^{a t}). Computed as e^{max·t}·expm1(−|a−b| t)/(−|a−b|), which
/// neither overflows nor cancels.
@inline(__always) func expDifference(_ a: Double, _ b: Double, _ t: Double) -> Double {
    let m = max(a, b), d = -abs(a - b)
    let x = d * t
    let ratio = x == 0 ? t : expm1(x) / d
    return exp(m * t) * ratio
}

/// (e^{λ t} − 1)/λ, continuous at λ = 0 (limit t).
@inline(__always) func expm1Ratio(_ lambda: Double, _ t: Double) -> Double {
    let x = lambda * t
    return x == 0 ? t : expm1(x) / lambda
}
