import XCTest
import PKData
@testable import PKSim

final class PriorConfigTests: XCTestCase {
    func testParseCommandLineValues() {
        XCTAssertEqual(ConfigValue.parse("0.5"), .number(0.5))
        XCTAssertEqual(ConfigValue.parse("-1,2"), .numbers([-1, 2]))
        XCTAssertEqual(ConfigValue.parse("[1, 0, 0]"), .numbers([1, 0, 0]))
        XCTAssertEqual(ConfigValue.parse("true"), .flag(true))
        XCTAssertEqual(ConfigValue.parse("lognormal"), .text("lognormal"))
        XCTAssertEqual(ConfigValue.parse("a,b"), .texts(["a", "b"]))
        XCTAssertEqual(ConfigValue.parse("[]"), .numbers([]))
    }

    func testEveryKeyRoundTrips() throws {
        let c = BuiltinPriors.defaultPrior
        for k in PriorConfig.keys {
            var d = PriorConfig(id: "x", summary: "")
            try d.set(k.name, k.value(c))
            XCTAssertEqual(d.value(of: k.name), k.value(c), k.name)
        }
    }

    func testAbsorptionVariabilityFollowsBetweenSubjectSDUnlessSet() throws {
        var c = BuiltinPriors.oneCompartment
        try c.set("between_subject_sd", .numbers([0.3, 0.3]))
        XCTAssertEqual(c.value(of: "ka_between_subject_sd"), .numbers([]))
        var rng = SeededGenerator(seed: 1)
        XCTAssertEqual(StudyDraw(c, rng: &rng).bsv, [0.3, 0.3, 0.3])
        try c.set("ka_between_subject_sd", .numbers([0.9, 0.9]))
        rng = SeededGenerator(seed: 1)
        XCTAssertEqual(StudyDraw(c, rng: &rng).bsv, [0.9, 0.3, 0.3])
        try c.set("ka_between_subject_sd", .numbers([]))
        XCTAssertNil(c.absorptionBetweenSubjectSD)
    }

    func testLogUniformOUVarianceDrawsHalfTheStudiesBelowTheGeometricMidpoint() throws {
        var c = BuiltinPriors.oneCompartment
        try c.set("ou_variance", .numbers([0.0001, 0.01]))
        func shareBelowMidpoint() -> Double {
            var rng = SeededGenerator(seed: 7), below = 0
            for _ in 0..<2000 {
                let v = StudyDraw(c, rng: &rng).ou.stationaryVariance
                XCTAssert((0.0001...0.01).contains(v))
                if v < 0.001 { below += 1 }
            }
            return Double(below) / 2000
        }
        XCTAssertEqual(shareBelowMidpoint(), 0.0909, accuracy: 0.02)   // uniform: (0.001 − 0.0001) / 0.0099
        try c.set("ou_variance_log_uniform", .flag(true))
        XCTAssertEqual(shareBelowMidpoint(), 0.5, accuracy: 0.04)
    }

    /// With a lag every oral subject has no drug before it and some after; with lag_probability 0 (the
    /// default) the other lag keys draw nothing, so a prior's study stream is the one it had before lags.
    func testAbsorptionLagDelaysTheProfileAndDrawsNothingWhenOff() throws {
        let c = try oralPriorWithLag(1.5)
        var rng = SeededGenerator(seed: 4)
        let lagged = StructuralPrior(config: c).sampleStudy(subjects: 5, rng: &rng)
        for subject in lagged.subjects {
            XCTAssertTrue(subject.observations.contains { $0.time < 1.5 }, "subject \(subject.id) has no early sample")
            for o in subject.observations where o.time < 1.5 { XCTAssertEqual(o.value, 0, "subject \(subject.id) at \(o.time) h") }
            XCTAssertTrue(subject.observations.contains { $0.time > 1.5 && $0.value > 0 })
        }
        var off = BuiltinPriors.oneCompartment
        try off.set("lag", .numbers([5, 5]))
        try off.set("lag_between_subject_sd", .numbers([1, 1]))
        try assertSameStudies(off, BuiltinPriors.oneCompartment)
    }

    /// With lagged_subjects below 1 only that share of a lag study's subjects has the lag: the others have drug
    /// before it. The default [1, 1] is the behaviour above (every subject lagged).
    func testPartialLagDelaysOnlyASubsetOfSubjects() throws {
        var c = try oralPriorWithLag(1.5)
        try c.set("lagged_subjects", .numbers([0.5, 0.5]))
        var rng = SeededGenerator(seed: 4)
        let study = StructuralPrior(config: c).sampleStudy(subjects: 40, rng: &rng)
        var lagged = 0
        for subject in study.subjects {
            let early = subject.observations.filter { $0.time < 1.5 }
            XCTAssertFalse(early.isEmpty, "subject \(subject.id) has no early sample")
            if early.allSatisfy({ $0.value == 0 }) { lagged += 1 }
            else { XCTAssertTrue(early.allSatisfy { $0.value > 0 }, "subject \(subject.id): an unlagged subject has drug at every early sample") }
        }
        XCTAssertTrue((12...28).contains(lagged), "\(lagged) of 40 subjects lagged, expected about 20")
        XCTAssertEqual(BuiltinPriors.defaultPrior.laggedSubjects, UniformRange(1, 1))
        XCTAssertEqual(BuiltinPriors.config("default+partial-lag")?.laggedSubjects, UniformRange(0.2, 1))
    }

    /// A pre-dose design samples every subject at the first dose time, before the dose (0 without residue, for
    /// oral and IV bolus alike); with residues in every subject the sample reads 0.5–10 % of its peak, with none
    /// it stays 0; with pre_dose_sample_probability 0 (the default) the stream is unchanged.
    func testPreDoseSamplesReadZeroOrASpuriousResidueAndDrawNothingWhenOff() throws {
        for route in [[1.0, 0, 0], [0, 1.0, 0]] {
            for residue in [0.0, 1.0] {
                var c = BuiltinPriors.oneCompartment
                try c.set("route_weights", .numbers(route))
                try c.set("pre_dose_sample_probability", .number(1))
                try c.set("pre_dose_residue_subjects", .numbers([residue, residue]))
                var rng = SeededGenerator(seed: 5)
                let study = StructuralPrior(config: c).sampleStudy(subjects: 6, rng: &rng)
                for subject in study.subjects {
                    let pre = try XCTUnwrap(subject.observations.first { $0.time == 0 }, "subject \(subject.id) has no pre-dose sample")
                    let peak = subject.observations.map(\.value).max()!
                    if residue == 0 { XCTAssertEqual(pre.value, 0, "route \(route), subject \(subject.id)") }
                    else { XCTAssertTrue((0.005 * peak...0.1 * peak).contains(pre.value), "route \(route), subject \(subject.id): \(pre.value) of \(peak)") }
                }
            }
        }
        var off = BuiltinPriors.oneCompartment
        try off.set("pre_dose_residue_subjects", .numbers([1, 1]))
        try assertSameStudies(off, BuiltinPriors.oneCompartment)
    }

    /// time_jitter_probability 0 (the default) draws nothing, so a prior's stream is the one it had before jitter.
    func testTimeJitterDrawsNothingWhenOff() throws {
        var off = BuiltinPriors.defaultPrior
        try off.set("time_jitter_sd", .numbers([3, 3]))
        try assertSameStudies(off, BuiltinPriors.defaultPrior)
    }

    /// additive_error_probability 0 (the default) draws nothing, so a proportional prior keeps its stream.
    func testCombinedErrorDrawsNothingWhenOff() throws {
        var off = BuiltinPriors.defaultPrior
        try off.set("additive_fraction", .numbers([0.2, 0.4]))
        try assertSameStudies(off, BuiltinPriors.defaultPrior)
    }

    /// One-compartment, oral only, every study with the same lag (h) in every subject.
    private func oralPriorWithLag(_ lag: Double) throws -> PriorConfig {
        var c = BuiltinPriors.oneCompartment
        try c.set("route_weights", .numbers([1, 0, 0]))
        try c.set("lag_probability", .number(1))
        try c.set("lag", .numbers([lag, lag]))
        try c.set("lag_between_subject_sd", .numbers([0, 0]))
        return c
    }

    func testSettingKeysChangesTheSimulation() throws {
        var c = BuiltinPriors.oneCompartment
        try c.set("route_weights", .numbers([0, 0, 1]))
        try c.set("infusion_duration", .number(3))
        try c.set("multiple_dose_probability", .number(1))
        try c.set("dose_count", .numbers([3, 3]))
        try c.set("dose_intervals", .numbers([12]))
        try c.set("noise", .text("lognormal"))
        try c.set("adapters", .texts([]))
        var rng = SeededGenerator(seed: 3)
        let s = StructuralPrior(config: c).sampleStudy(subjects: 4, rng: &rng)
        for subject in s.subjects {
            XCTAssertEqual(subject.doses.map(\.time), [0, 12, 24])
            XCTAssertTrue(subject.doses.allSatisfy { $0.route == .iv && $0.duration == 3 })
        }
    }

    func testInvalidValuesNameTheKey() {
        var c = BuiltinPriors.oneCompartment
        XCTAssertThrowsError(try c.set("dose_count", .numbers([5, 2]))) { XCTAssertEqual("\($0)", "dose_count: minimum 5 exceeds maximum 2") }
        XCTAssertThrowsError(try c.set("max_samples", .number(2.5))) { XCTAssertEqual("\($0)", "max_samples: expected an integer, got 2.5") }
        XCTAssertThrowsError(try c.set("adapt_horizon", .number(1))) { XCTAssertEqual("\($0)", "adapt_horizon: expected true or false, got 1") }
        XCTAssertThrowsError(try c.set("route_weights", .numbers([0, 0, 0]))) { XCTAssertEqual("\($0)", "route_weights: weights must not all be zero") }
        c.sparseMaxSamples = 20
        XCTAssertThrowsError(try c.validate()) { XCTAssertEqual("\($0)", "sparse_max_samples: 20 exceeds max_samples 15") }
        c = BuiltinPriors.oneCompartment
        c.ouStationaryVariance = UniformRange(0, 0.1); c.ouVarianceLogUniform = true
        XCTAssertThrowsError(try c.validate()) { XCTAssertEqual("\($0)", "ou_variance_log_uniform: needs the low end of ou_variance above 0 (it is 0.0)") }
    }

    func testRK45EngineAgreesWithTheExactEngine() {
        var exact = BuiltinPriors.defaultPrior
        exact.noise = .proportional; exact.residualSD = UniformRange(0, 0)
        var rk = exact; rk.engine = "rk45"
        let a = StructuralPrior(config: exact, adapters: BuiltinPriors.adapters)
        let b = StructuralPrior(config: rk, adapters: BuiltinPriors.adapters)
        for seed in 0..<20 as Range<UInt64> {
            var r1 = SeededGenerator(seed: seed), r2 = SeededGenerator(seed: seed)
            let s1 = a.sampleStudy(subjects: 3, rng: &r1), s2 = b.sampleStudy(subjects: 3, rng: &r2)
            for (x, y) in zip(s1.subjects, s2.subjects) {
                XCTAssertEqual(x.observations.map(\.time), y.observations.map(\.time))
                let err = maxRelativeError(y.observations.map(\.value), x.observations.map(\.value), floor: 1e-6)
                XCTAssertLessThan(err, 1e-4, "seed \(seed)")
            }
        }
    }

    /// `+noisy` draws each study's residual SD from 0.01–0.30 (mean 0.155) where `default` stops at 0.15,
    /// and changes nothing else of the prior.
    func testNoisyModifierWidensTheResidualSDOnly() throws {
        let plain = try XCTUnwrap(BuiltinPriors.config("default")), noisy = try XCTUnwrap(BuiltinPriors.config("default+noisy"))
        func residualSDs(_ c: PriorConfig) -> [Double] {
            var rng = SeededGenerator(seed: 12)
            return (0..<400).map { _ in StudyDraw(c, rng: &rng).noiseSD }
        }
        let wide = residualSDs(noisy)
        XCTAssertEqual(wide.min()!, 0.01, accuracy: 0.005)
        XCTAssertEqual(wide.max()!, 0.30, accuracy: 0.005)
        XCTAssertEqual(wide.reduce(0, +) / 400, 0.155, accuracy: 0.01)
        XCTAssertLessThanOrEqual(residualSDs(plain).max()!, 0.15)
        var same = noisy
        same.residualSD = plain.residualSD; same.id = plain.id; same.summary = plain.summary
        XCTAssertEqual(same, plain)
    }

    /// `+clinical-designs` draws multiple doses in half the studies and sparse sampling in 40 % (`default`: 35 %
    /// and 30 %), never lowers a modifier's higher share, and changes nothing else of the prior.
    func testClinicalDesignsModifierRaisesTheMultipleDoseAndSparseSharesOnly() throws {
        let plain = try XCTUnwrap(BuiltinPriors.config("default")), clinical = try XCTUnwrap(BuiltinPriors.config("default+clinical-designs"))
        var rng = SeededGenerator(seed: 28)
        let draws = (0..<4000).map { _ in StudyDraw(clinical, rng: &rng) }
        XCTAssertEqual(Double(draws.filter { $0.doseCount > 1 }.count) / 4000, 0.5, accuracy: 0.025)
        XCTAssertEqual(Double(draws.filter(\.sparse).count) / 4000, 0.4, accuracy: 0.025)
        XCTAssertEqual(BuiltinPriors.config("default+multiple-dose+clinical-designs")?.multipleDoseProbability, 1)
        XCTAssertEqual(BuiltinPriors.config("default+sparse+clinical-designs")?.sparseProbability, 1)
        var same = clinical
        same.multipleDoseProbability = plain.multipleDoseProbability; same.sparseProbability = plain.sparseProbability
        same.id = plain.id; same.summary = plain.summary
        XCTAssertEqual(same, plain)
    }
}
