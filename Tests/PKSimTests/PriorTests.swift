import XCTest
import Foundation
import PKData
@testable import PKSim

final class PriorTests: XCTestCase {
    func encode(_ s: Study) -> Data {
        let e = JSONEncoder()
        e.outputFormatting = .sortedKeys
        return try! e.encode(s)
    }

    func testSameSeedSameStudy() {
        for id in ["default", "one-compartment", "two-compartment", "metabolite", "two-compartment+metabolite+multiple-dose"] {
            let prior = BuiltinPriors.prior(id)!
            var a = SeededGenerator(seed: 123), b = SeededGenerator(seed: 123), c = SeededGenerator(seed: 124)
            let sa = prior.sampleStudy(subjects: 8, rng: &a)
            XCTAssertEqual(encode(sa), encode(prior.sampleStudy(subjects: 8, rng: &b)), id)
            XCTAssertNotEqual(encode(sa), encode(prior.sampleStudy(subjects: 8, rng: &c)), id)
        }
    }

    /// Every study of a prior is valid: sorted observations, 1…15 per output, finite, in [0, 10), doses sorted.
    func checkValid(_ study: Study, outputs: Int, subjects: Int, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(study.subjects.count, subjects, file: file, line: line)
        for s in study.subjects {
            XCTAssertFalse(s.doses.isEmpty, file: file, line: line)
            XCTAssertTrue(s.doses.isSorted { $0.time <= $1.time }, file: file, line: line)
            XCTAssertTrue(s.observations.isSorted { $0.time <= $1.time }, file: file, line: line)
            for k in 0..<outputs {
                let n = s.observations.filter { $0.output == k }.count
                XCTAssertTrue((1...15).contains(n), "subject \(s.id): \(n) observations of output \(k)", file: file, line: line)
            }
            for o in s.observations {
                XCTAssertTrue(o.value.isFinite && o.value >= 0 && o.value < 10, "\(o.value)", file: file, line: line)
            }
        }
    }

    func testDefaultPriorCoversTheClinicalDesigns() {
        let prior = BuiltinPriors.prior("default")!
        var rng = SeededGenerator(seed: 2024)
        var oral = 0, bolus = 0, infusion = 0, multiple = 0, loading = 0, covariates = 0, sparse = 0, carry = 0
        let n = 400
        for _ in 0..<n {
            let study = prior.sampleStudy(subjects: 10, rng: &rng)
            checkValid(study, outputs: 1, subjects: 10)
            let d = study.subjects[0].doses
            if d[0].route == .oral { oral += 1 } else if d[0].duration > 0 { infusion += 1 } else { bolus += 1 }
            if d.count > 1 { multiple += 1; if d[0].amount > d[1].amount * 1.01 { loading += 1 } }
            if study.subjects[0].covariates["WT"] != nil { covariates += 1 }
            if study.subjects.allSatisfy({ $0.observations.count <= 4 }) { sparse += 1 }
            if study.subjects.contains(where: { s in s.observations.first.map { $0.time == 0 && $0.value > 0 } ?? false }) { carry += 1 }
        }
        func share(_ k: Int) -> Double { Double(k) / Double(n) }
        XCTAssertEqual(share(oral), 0.55, accuracy: 0.08)
        XCTAssertEqual(share(bolus), 0.25, accuracy: 0.07)
        XCTAssertEqual(share(infusion), 0.2, accuracy: 0.07)
        XCTAssertEqual(share(multiple), 0.35, accuracy: 0.08)
        XCTAssertGreaterThan(loading, 0)
        XCTAssertEqual(share(covariates), 0.5, accuracy: 0.08)
        XCTAssertGreaterThan(share(sparse), 0.25)
        XCTAssertEqual(share(carry), 0.1, accuracy: 0.05)
    }

    func testBuiltinPriorsProduceValidStudies() {
        var rng = SeededGenerator(seed: 5)
        for id in ["one-compartment", "two-compartment", "metabolite", "two-compartment+metabolite",
                   "one-compartment+infusion+multiple-dose", "two-compartment+single-iv+sparse"] {
            let prior = BuiltinPriors.prior(id)!
            let outputs = id.contains("metabolite") ? 2 : 1
            for _ in 0..<20 { checkValid(prior.sampleStudy(subjects: 6, rng: &rng), outputs: outputs, subjects: 6) }
        }
        let mix = BuiltinPriors.compartmentMix
        for _ in 0..<20 { XCTAssertEqual(mix.sampleStudy(subjects: 3, rng: &rng).subjects.count, 3) }
        XCTAssertNil(BuiltinPriors.prior("two-compartment+nonsense"))
        XCTAssertNil(BuiltinPriors.prior("four-compartment"))
    }

    func testWeightCovariateActsOnClearanceAndVolume() {
        let a = WeightAllometricAdapter()
        var p = twoCmt
        a.applyEffects(to: &p, covariates: ["WT": 140])
        XCTAssertEqual(p.cl, twoCmt.cl * pow(2, 0.75), accuracy: 1e-12)
        XCTAssertEqual(p.v, twoCmt.v * 2, accuracy: 1e-12)
        XCTAssertEqual(p.peripherals[0].k1p * p.v, twoCmt.peripherals[0].k1p * twoCmt.v * pow(2, 0.75), accuracy: 1e-12)
        XCTAssertEqual(a.features([:]), [0])
        var rng = SeededGenerator(seed: 3)
        let f = (0..<5000).map { _ in a.features(a.sampleCovariates(rng: &rng))[0] }
        let mean = f.reduce(0, +) / 5000, sd = (f.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 5000).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.05)
        XCTAssertEqual(sd, 1, accuracy: 0.05)
    }
}
