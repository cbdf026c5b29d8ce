import XCTest
import PKData
@testable import PKSim

/// Maximum relative error of `a` against the reference `b`, ignoring entries where |b| < floor·max|b|.
func maxRelativeError(_ a: [Double], _ b: [Double], floor: Double = 1e-9) -> Double {
    precondition(a.count == b.count)
    let scale = b.map(abs).max() ?? 0
    var worst = 0.0
    for i in a.indices where abs(b[i]) >= floor * scale {
        worst = max(worst, abs(a[i] - b[i]) / abs(b[i]))
    }
    return worst
}

let oneCmt = PKParameters(ka: 1.3, ke: 0.12, v: 25, f: 0.8, lag: 0.25)
let twoCmt = PKParameters(ka: 1.1, ke: 0.15, v: 20, peripherals: [Peripheral(k1p: 0.6, kp1: 0.25)], f: 0.9)
let threeCmt = PKParameters(ka: 0.9, ke: 0.2, v: 15,
                            peripherals: [Peripheral(k1p: 0.5, kp1: 0.3), Peripheral(k1p: 0.2, kp1: 0.04)])
let grid: [Double] = stride(from: 0.0, through: 48, by: 0.37).map { $0 }

/// The one-compartment prior with one oral dose, typical k_a and k_e fixed, and no between-subject or
/// within-subject variability, residual error, dose spread or randomised grid: every subject follows the
/// same canonical design and profile unless a test adds an error source.
func deterministicOralPrior(ka: Double, ke: Double) throws -> PriorConfig {
    var c = BuiltinPriors.oneCompartment
    try c.set("route_weights", .numbers([1, 0, 0]))
    try c.set("log_ka", .numbers([log(ka), log(ka)]))
    try c.set("log_ke", .numbers([log(ke), log(ke)]))
    for key in ["between_subject_sd", "ou_variance", "residual_sd", "log_dose_sd"] { try c.set(key, .numbers([0, 0])) }
    try c.set("randomised_grid_probability", .number(0))
    return c
}

/// The two configs draw the same 6-subject study from seed 9 (byte-identical JSON).
func assertSameStudies(_ c: PriorConfig, _ d: PriorConfig, file: StaticString = #filePath, line: UInt = #line) throws {
    var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9)
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    XCTAssertEqual(try encoder.encode(StructuralPrior(config: c).sampleStudy(subjects: 6, rng: &a)),
                   try encoder.encode(StructuralPrior(config: d).sampleStudy(subjects: 6, rng: &b)), file: file, line: line)
}
