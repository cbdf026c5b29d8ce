import XCTest
import PKData
@testable import AICMET

final class TrainingDataSourceTests: XCTestCase {
    /// Each simulated study gets min(T, subjects) distinct targets, each with k in 0…maxGiven.
    func testTargetsPerStudyAreDistinctAndCappedAtTheStudySize() {
        for targets in [1, 3, 6, 20] {
            let data = PriorDataSource(prior: TestOneCompartmentPrior(), subjects: 4...8, targetsPerStudy: targets, maxGiven: 5)
            var rng = SeededGenerator(seed: UInt64(targets))
            for example in data.examples(count: 25, rng: &rng) {
                let subjects = example.study.subjects.count
                XCTAssertEqual(example.targets.count, min(targets, subjects))
                XCTAssertEqual(Set(example.targets.map(\.subject)).count, example.targets.count)
                XCTAssertTrue(example.targets.allSatisfy { (0..<subjects).contains($0.subject) && (0...5).contains($0.given) })
            }
        }
    }
}
