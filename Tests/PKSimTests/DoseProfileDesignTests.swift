import XCTest
import PKData
@testable import PKSim

final class DoseProfileDesignTests: XCTestCase {
    /// For each subject of 20 eight-subject multiple-dose studies: whether it has a sample inside the first
    /// dosing interval and one after the last dose (samples at dose times, troughs and pre-dose, not counted).
    private func sampledWindows(firstAndLastDoseProbability p: Double) throws -> [(first: Bool, last: Bool)] {
        var c = BuiltinPriors.oneCompartment
        try c.set("multiple_dose_probability", .number(1))
        try c.set("sparse_probability", .number(0))
        try c.set("max_samples", .number(100))
        try c.set("first_and_last_dose_probability", .number(p))
        let prior = StructuralPrior(config: c)
        var rng = SeededGenerator(seed: 21)
        var windows: [(first: Bool, last: Bool)] = []
        for _ in 0..<20 {
            for subject in prior.sampleStudy(subjects: 8, rng: &rng).subjects {
                let doseTimes = subject.doses.map(\.time)
                XCTAssertGreaterThan(doseTimes.count, 1)
                let sampled = subject.observations.map(\.time).filter { !doseTimes.contains($0) }
                windows.append((sampled.contains { $0 > doseTimes[0] && $0 < doseTimes[1] },
                                sampled.contains { $0 > doseTimes[doseTimes.count - 1] }))
            }
        }
        return windows
    }

    /// By default a subject profiles the first or the last dose, never both, the first in about 30 %.
    func testDefaultProfilesOneDoseInterval() throws {
        let windows = try sampledWindows(firstAndLastDoseProbability: 0)
        XCTAssertFalse(windows.contains { $0.first && $0.last })
        XCTAssertFalse(windows.contains { !$0.first && !$0.last })
        let firstShare = Double(windows.filter(\.first).count) / Double(windows.count)
        XCTAssertEqual(firstShare, 0.3, accuracy: 0.08)
    }

    /// With probability 1 every subject is sampled after both the first and the last dose.
    func testFirstAndLastDoseProbabilityOneSamplesBoth() throws {
        let windows = try sampledWindows(firstAndLastDoseProbability: 1)
        XCTAssertTrue(windows.allSatisfy { $0.first && $0.last })
    }

    /// The key at 0 leaves the random stream, and so every study, as it was without the key.
    func testZeroProbabilityKeepsTheStream() throws {
        var c = BuiltinPriors.oneCompartment
        try c.set("multiple_dose_probability", .number(1))
        var d = c
        try d.set("first_and_last_dose_probability", .number(0))
        try assertSameStudies(c, d)
    }
}
