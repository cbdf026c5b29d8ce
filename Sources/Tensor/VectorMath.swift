/// Vectorised transcendental kernels on `SIMD8<Float>` (AVX2 with the package's target CPU).
/// Accuracy (checked by VectorMathTests): `vexp` within 1e-6 relative on [−80, 80] (Cephes polynomial,
/// Cody–Waite reduction); inputs below −87.3 give ≈1e-38 instead of 0, above 88.3 saturate at ≈1.7e38.
/// `vsigmoid`, `vtanh` within 1e-6 absolute; GELU through `vnormalCDFAndDensity` within 1e-6.
typealias Vec = SIMD8<Float>

@inline(__always)
func vexp(_ x: Vec) -> Vec {
    var xc = x
    xc.replace(with: -87.3, where: x .< -87.3)
    xc.replace(with: 88.3, where: x .> 88.3)
    // k = round(x·log₂e), held in the low mantissa bits of tt = x·log₂e + 1.5·2²³.
    let magic = Vec(repeating: 12_582_912)
    let tt = magic.addingProduct(xc, Vec(repeating: 1.442_695_04))
    let k = tt - magic
    var r = xc.addingProduct(k, Vec(repeating: -0.693_359_375))
    r = r.addingProduct(k, Vec(repeating: 2.121_944_4e-4))
    var p = Vec(repeating: 1.987_569_15e-4)
    p = Vec(repeating: 1.398_199_95e-3).addingProduct(p, r)
    p = Vec(repeating: 8.333_451_9e-3).addingProduct(p, r)
    p = Vec(repeating: 4.166_579_59e-2).addingProduct(p, r)
    p = Vec(repeating: 1.666_666_55e-1).addingProduct(p, r)
    p = Vec(repeating: 5.000_000_12e-1).addingProduct(p, r)
    p = (r + 1).addingProduct(p, r * r)
    let bits = (unsafeBitCast(tt, to: SIMD8<UInt32>.self) &- SIMD8<UInt32>(repeating: 0x4B40_0000 - 127)) &<< 23
    return p * unsafeBitCast(bits, to: Vec.self)
}

@inline(__always)
func vsigmoid(_ x: Vec) -> Vec { 1 / (1 + vexp(-x)) }

@inline(__always)
func vtanh(_ x: Vec) -> Vec {
    // tanh x = 1 − 2/(e^{2x} + 1); exact 0 at 0 up to rounding, saturates cleanly.
    1 - 2 / (vexp(x + x) + 1)
}

/// Standard normal CDF Φ(x) and density φ(x), 8 lanes, through erf(x/√2) by Abramowitz–Stegun 7.1.26
/// (|error of erf| ≤ 1.5e-7).
@inline(__always)
func vnormalCDFAndDensity(_ x: Vec) -> (cdf: Vec, pdf: Vec) {
    let u = x * 0.707_106_78                                 // x/√2
    let a = u.replacing(with: -u, where: u .< 0)             // |u|
    let t = 1 / Vec(repeating: 1).addingProduct(a, Vec(repeating: 0.327_591_1))
    var poly = Vec(repeating: 1.061_405_429)
    poly = Vec(repeating: -1.453_152_027).addingProduct(poly, t)
    poly = Vec(repeating: 1.421_413_741).addingProduct(poly, t)
    poly = Vec(repeating: -0.284_496_736).addingProduct(poly, t)
    poly = Vec(repeating: 0.254_829_592).addingProduct(poly, t)
    poly = poly * t
    let gauss = vexp(-(u * u))                               // e^{−x²/2}
    let erfAbs = 1 - poly * gauss
    let erf = erfAbs.replacing(with: -erfAbs, where: u .< 0)
    return (0.5 * (1 + erf), 0.398_942_28 * gauss)
}

@inline(__always)
func load(_ p: UnsafePointer<Float>) -> Vec {
    UnsafeRawPointer(p).loadUnaligned(as: Vec.self)
}

@inline(__always)
func store(_ v: Vec, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: Vec.self)
}

/// Applies `f` over n floats from `x` into `y` (may alias), 8 at a time, with a masked scalar tail.
@inline(__always)
func vmap(_ n: Int, _ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ f: (Vec) -> Vec) {
    var i = 0
    while i + 8 <= n {
        store(f(load(x + i)), y + i)
        i += 8
    }
    if i < n {
        var v = Vec(repeating: 0)
        for j in 0..<(n - i) { v[j] = x[i + j] }
        let r = f(v)
        for j in 0..<(n - i) { y[i + j] = r[j] }
    }
}
