import XCTest
@testable import PKData

/// Compares two studies event by event, ignoring file row numbers, and dose compartments that `expected` leaves nil.
func assertSameStudy(_ actual: Study, _ expected: Study, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(actual.subjects.map(\.id), expected.subjects.map(\.id), "subject IDs", file: file, line: line)
    for (a, e) in zip(actual.subjects, expected.subjects) {
        func dose(_ d: Dose, _ keepCMT: Bool) -> Dose {
            var d = d; d.row = nil; if !keepCMT { d.compartment = nil }; return d
        }
        XCTAssertEqual(a.doses.count, e.doses.count, "ID \(e.id) doses", file: file, line: line)
        for (da, de) in zip(a.doses, e.doses) {
            XCTAssertEqual(dose(da, de.compartment != nil), dose(de, true), "ID \(e.id) dose", file: file, line: line)
        }
        XCTAssertEqual(a.observations.map { var o = $0; o.row = nil; return o },
                       e.observations.map { var o = $0; o.row = nil; return o }, "ID \(e.id) observations", file: file, line: line)
        XCTAssertEqual(a.covariates, e.covariates, "ID \(e.id) covariates", file: file, line: line)
        XCTAssertEqual(a.timeVaryingCovariates, e.timeVaryingCovariates, "ID \(e.id) time-varying covariates", file: file, line: line)
    }
}
