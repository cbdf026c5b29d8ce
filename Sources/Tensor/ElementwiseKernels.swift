import Foundation

/// A binary elementwise function with its partial derivatives (scalar and 8-lane forms).
protocol BinaryKernel {
    static func f(_ a: Float, _ b: Float) -> Float
    static func f(_ a: Vec, _ b: Vec) -> Vec
    /// g · ∂f/∂a and g · ∂f/∂b.
    static func da(_ g: Float, _ a: Float, _ b: Float) -> Float
    static func db(_ g: Float, _ a: Float, _ b: Float) -> Float
    static func da(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec
    static func db(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec
}

enum AddKernel: BinaryKernel {
    @inline(__always) static func f(_ a: Float, _ b: Float) -> Float { a + b }
    @inline(__always) static func f(_ a: Vec, _ b: Vec) -> Vec { a + b }
    @inline(__always) static func da(_ g: Float, _ a: Float, _ b: Float) -> Float { g }
    @inline(__always) static func db(_ g: Float, _ a: Float, _ b: Float) -> Float { g }
    @inline(__always) static func da(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec { g }
    @inline(__always) static func db(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec { g }
}

enum SubKernel: BinaryKernel {
    @inline(__always) static func f(_ a: Float, _ b: Float) -> Float { a - b }
    @inline(__always) static func f(_ a: Vec, _ b: Vec) -> Vec { a - b }
    @inline(__always) static func da(_ g: Float, _ a: Float, _ b: Float) -> Float { g }
    @inline(__always) static func db(_ g: Float, _ a: Float, _ b: Float) -> Float { -g }
    @inline(__always) static func da(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec { g }
    @inline(__always) static func db(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec { -g }
}

enum MulKernel: BinaryKernel {
    @inline(__always) static func f(_ a: Float, _ b: Float) -> Float { a * b }
    @inline(__always) static func f(_ a: Vec, _ b: Vec) -> Vec { a * b }
    @inline(__always) static func da(_ g: Float, _ a: Float, _ b: Float) -> Float { g * b }
    @inline(__always) static func db(_ g: Float, _ a: Float, _ b: Float) -> Float { g * a }
    @inline(__always) static func da(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec { g * b }
    @inline(__always) static func db(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec { g * a }
}

enum DivKernel: BinaryKernel {
    @inline(__always) static func f(_ a: Float, _ b: Float) -> Float { a / b }
    @inline(__always) static func f(_ a: Vec, _ b: Vec) -> Vec { a / b }
    @inline(__always) static func da(_ g: Float, _ a: Float, _ b: Float) -> Float { g / b }
    @inline(__always) static func db(_ g: Float, _ a: Float, _ b: Float) -> Float { -g * a / (b * b) }
    @inline(__always) static func da(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec { g / b }
    @inline(__always) static func db(_ g: Vec, _ a: Vec, _ b: Vec) -> Vec { -g * a / (b * b) }
}

/// A unary elementwise function y = f(x) with g · f′ expressed through x and/or y.
protocol UnaryKernel {
    func f(_ x: Float) -> Float
    func f(_ x: Vec) -> Vec
    func grad(_ g: Float, _ x: Float, _ y: Float) -> Float
    func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec
}

extension UnaryKernel {
    /// Lane-by-lane fallbacks for kernels without a vector form.
    @inline(__always) func f(_ x: Vec) -> Vec {
        var r = Vec(); for i in 0..<8 { r[i] = f(x[i]) }; return r
    }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec {
        var r = Vec(); for i in 0..<8 { r[i] = grad(g[i], x[i], y[i]) }; return r
    }
}

/// y = m·x + c.
struct AffineKernel: UnaryKernel {
    let m: Float, c: Float
    @inline(__always) func f(_ x: Float) -> Float { m * x + c }
    @inline(__always) func f(_ x: Vec) -> Vec { Vec(repeating: c).addingProduct(x, m) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { m * g }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { m * g }
}

/// y = s / x.
struct ReciprocalKernel: UnaryKernel {
    let s: Float
    @inline(__always) func f(_ x: Float) -> Float { s / x }
    @inline(__always) func f(_ x: Vec) -> Vec { s / x }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { -g * y / x }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { -g * y / x }
}

struct ExpKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { Foundation.exp(x) }
    @inline(__always) func f(_ x: Vec) -> Vec { vexp(x) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { g * y }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { g * y }
}

struct LogKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { Foundation.log(x) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { g / x }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { g / x }
}

/// log(1 + eˣ) = max(x, 0) + log1p(e^−|x|); derivative σ(x).
struct SoftplusKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { Swift.max(x, 0) + Foundation.log1p(Foundation.exp(-Swift.abs(x))) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { g / (1 + Foundation.exp(-x)) }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { g * vsigmoid(x) }
}

struct TanhKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { Foundation.tanh(x) }
    @inline(__always) func f(_ x: Vec) -> Vec { vtanh(x) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { g * (1 - y * y) }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { g * (1 - y * y) }
}

struct SigmoidKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { 1 / (1 + Foundation.exp(-x)) }
    @inline(__always) func f(_ x: Vec) -> Vec { vsigmoid(x) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { g * y * (1 - y) }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { g * y * (1 - y) }
}

struct ReluKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { Swift.max(x, 0) }
    @inline(__always) func f(_ x: Vec) -> Vec { x.replacing(with: 0, where: x .< 0) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { x > 0 ? g : 0 }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { g.replacing(with: 0, where: x .<= 0) }
}

/// Exact GELU x·Φ(x) (PyTorch's default); derivative Φ(x) + x·φ(x).
struct GeluKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { 0.5 * x * (1 + Foundation.erf(x * 0.707_106_78)) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float {
        let cdf = 0.5 * (1 + Foundation.erf(x * 0.707_106_78))
        return g * (cdf + x * 0.398_942_28 * Foundation.exp(-0.5 * x * x))
    }
    @inline(__always) func f(_ x: Vec) -> Vec { x * vnormalCDFAndDensity(x).cdf }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec {
        let (cdf, pdf) = vnormalCDFAndDensity(x)
        return g * cdf.addingProduct(x, pdf)
    }
}

struct SquareKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { x * x }
    @inline(__always) func f(_ x: Vec) -> Vec { x * x }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { 2 * g * x }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { 2 * g * x }
}

struct SqrtKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { x.squareRoot() }
    @inline(__always) func f(_ x: Vec) -> Vec { x.squareRoot() }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { g * 0.5 / y }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { g * 0.5 / y }
}

struct AbsKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float { Swift.abs(x) }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { x > 0 ? g : (x < 0 ? -g : 0) }
}

/// exprel(x) = (1 − e^−x) / x, with exprel(0) = 1; derivative (e^−x (1 + x) − 1) / x². Series near 0,
/// where both forms cancel catastrophically.
struct ExprelKernel: UnaryKernel {
    @inline(__always) func f(_ x: Float) -> Float {
        if Swift.abs(x) < 1e-2 { return 1 - x / 2 + x * x / 6 - x * x * x / 24 }
        return -Foundation.expm1(-x) / x
    }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float {
        if Swift.abs(x) < 1e-2 { return g * (-0.5 + x / 3 - x * x / 8) }
        return g * (Foundation.exp(-x) - y) / x
    }
}

/// min(max(x, lo), hi); gradient passes where lo ≤ x ≤ hi.
struct ClampKernel: UnaryKernel {
    let lo: Float, hi: Float
    @inline(__always) func f(_ x: Float) -> Float { Swift.min(Swift.max(x, lo), hi) }
    @inline(__always) func f(_ x: Vec) -> Vec {
        var y = x
        y.replace(with: lo, where: x .< lo)
        y.replace(with: hi, where: x .> hi)
        return y
    }
    @inline(__always) func grad(_ g: Float, _ x: Float, _ y: Float) -> Float { (x >= lo && x <= hi) ? g : 0 }
    @inline(__always) func grad(_ g: Vec, _ x: Vec, _ y: Vec) -> Vec { g.replacing(with: 0, where: (x .< lo) .| (x .> hi)) }
}
