import TestData
import XCTest
import PKData
@testable import Evaluation

final class ProtocolSplitTests: XCTestCase {
    func testTheophSubjectOneKeepsPreDoseSampleOutsideK() throws {
        let s = try CSVTestLoader.load("theophylline.csv").subjects[0]
        XCTAssertEqual(s.observations.count, 11)
        XCTAssertEqual(s.observations[0].time, 0) // pre-dose sample 0.74 at the dose time
        for k in 0...4 {
            let split = ProtocolSplit(subject: s, given: k)
            XCTAssertEqual(split.visible.observations.count, 1 + k)
            XCTAssertEqual(split.visible.observations[0].value, 0.74)
            XCTAssertEqual(split.hidden.count, 10 - k)
            XCTAssertEqual(split.visible.doses, s.doses)
            XCTAssertEqual(split.visible.covariates, s.covariates)
            // Visible and hidden partition the observations; hidden are the later ones.
            let lastVisible = split.visible.observations.last!.time
            XCTAssertTrue(split.hidden.allSatisfy { $0.time > lastVisible || k == 0 })
            XCTAssertEqual(Set(split.visible.observations.map(\.time)).intersection(split.hidden.map(\.time)).count, 0)
        }
    }

    func testScoredExcludesNonPositiveAndCensored() {
        let s = Subject(id: "a", doses: [Dose(time: 1, amount: 10, route: .iv)], observations: [
            Observation(time: 0, value: 0.2), Observation(time: 2, value: 5), Observation(time: 3, value: 0),
            Observation(time: 4, value: 0.1, censored: true), Observation(time: 5, value: 1),
        ])
        let split = ProtocolSplit(subject: s, given: 1)
        XCTAssertEqual(split.visible.observations.map(\.time), [0, 2])
        XCTAssertEqual(split.hidden.map(\.time), [3, 4, 5])
        XCTAssertEqual(split.scored.map(\.time), [5])
    }
}
