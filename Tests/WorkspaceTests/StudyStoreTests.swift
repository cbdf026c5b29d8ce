import Foundation
import GRDB
import PKData
import XCTest
@testable import Workspace

final class StudyStoreTests: XCTestCase {
    var tmp = TemporaryWorkspace()
    override func tearDown() { tmp.cleanup() }

    /// Two subjects; row 4 is an EVID 2 record that is neither dose nor observation; subject 2 has an
    /// expanded (row-less) dose and a time-varying covariate.
    static func sample() -> (Study, RawRecords) {
        let s1 = Subject(id: "1", doses: [Dose(time: 0, amount: 320, route: .oral, compartment: 1, row: 2)],
                         observations: [Observation(time: 1, value: 6.5, row: 3),
                                        Observation(time: 2, value: 5.1, censored: true, lloq: 0.1, row: 5)],
                         covariates: ["WT": 79.6])
        let s2 = Subject(id: "B-2", doses: [Dose(time: 0, amount: 100, route: .iv, duration: 2, compartment: 2, row: 6),
                                            Dose(time: 12, amount: 100, route: .iv, duration: 2, compartment: 2)],
                         observations: [Observation(time: 13, value: 3.25, output: 1, row: 7)],
                         covariates: ["WT": 60, "CRCL": 90],
                         timeVaryingCovariates: ["CRCL": [CovariateChange(time: 0, value: 90), CovariateChange(time: 12, value: 70)]])
        let study = Study(name: "demo", subjects: [s1, s2], units: StudyUnits(time: "h", amount: "mg", concentration: nil))
        let records = RawRecords(columns: ["ID", "TIME", "AMT", "DV", "EVID", "WT"], rows: [
            RawRecord(row: 2, cells: ["1", "0", "320", ".", "1", "79.6"]),
            RawRecord(row: 3, cells: ["1", "1", "0", "6.5", "0", "79.6"]),
            RawRecord(row: 4, cells: ["1", "1.5", "0", ".", "2", "79.6"]),
            RawRecord(row: 5, cells: ["1", "2", "0", "5.1", "0", "79.6"]),
            RawRecord(row: 6, cells: ["B-2", "0", "100", ".", "1", "60"]),
            RawRecord(row: 7, cells: ["B-2", "13", "0", "3.25", "0", "60"]),
        ])
        return (study, records)
    }

    func testSaveLoadRoundTripKeepsEverything() throws {
        let ws = try tmp.open()
        let (study, records) = Self.sample()
        let summary = try ws.studies.save(study, records: records, source: "demo.csv", report: "report text")
        XCTAssertEqual(summary.subjects, 2)
        XCTAssertEqual(summary.doses, 3)
        XCTAssertEqual(summary.observations, 3)
        XCTAssertEqual(summary.records, 6)
        XCTAssertEqual(summary.source, "demo.csv")

        let loaded = try XCTUnwrap(try ws.studies.load(named: "demo"))
        XCTAssertEqual(loaded.units, study.units)
        XCTAssertEqual(loaded.subjects.map(\.id), ["1", "B-2"])
        for (a, b) in zip(loaded.subjects, study.subjects) {
            XCTAssertEqual(a.doses, b.doses)
            XCTAssertEqual(a.observations, b.observations)
            XCTAssertEqual(a.covariates, b.covariates)
            XCTAssertEqual(a.timeVaryingCovariates, b.timeVaryingCovariates)
        }
        XCTAssertEqual(try ws.studies.records(named: "demo"), records)
        XCTAssertEqual(try ws.studies.report(named: "demo"), "report text")
        XCTAssertEqual(try ws.studies.subjectIDs(named: "demo"), ["1", "B-2"])
    }

    func testLoadOneSubject() throws {
        let ws = try tmp.open()
        let (study, records) = Self.sample()
        try ws.studies.save(study, records: records)
        let one = try XCTUnwrap(try ws.studies.load(named: "demo", subject: "B-2"))
        XCTAssertEqual(one.subjects.map(\.id), ["B-2"])
        XCTAssertEqual(one.subjects[0].doses, study.subjects[1].doses)
        XCTAssertEqual(one.subjects[0].observations, study.subjects[1].observations)
        XCTAssertEqual(one.subjects[0].timeVaryingCovariates, study.subjects[1].timeVaryingCovariates)
        XCTAssertEqual(one.units, study.units)
        XCTAssertEqual(try ws.studies.load(named: "demo", subject: "nobody")?.subjects.count, 0)
        XCTAssertNil(try ws.studies.load(named: "other", subject: "1"))
    }

    func testSimulatedStudyHasNoRecords() throws {
        let ws = try tmp.open()
        let (study, _) = Self.sample()
        try ws.studies.save(study)
        XCTAssertNil(try ws.studies.records(named: "demo"))
        XCTAssertEqual(try ws.studies.summary(named: "demo")?.records, 0)
        XCTAssertEqual(try ws.studies.load(named: "demo")?.subjects.count, 2)
    }

    func testDuplicateNameIsRefusedAndChangesNothing() throws {
        let ws = try tmp.open()
        let (study, records) = Self.sample()
        try ws.studies.save(study, records: records)
        var other = study
        other.subjects.removeLast()
        XCTAssertThrowsError(try ws.studies.save(other)) { error in
            XCTAssertEqual((error as? WorkspaceError)?.message, "study 'demo' already exists")
        }
        XCTAssertEqual(try ws.studies.summary(named: "demo")?.subjects, 2)
    }

    func testFailedTransactionLeavesWorkspaceUnchanged() throws {
        let ws = try tmp.open()
        let (study, records) = Self.sample()
        struct Boom: Error {}
        XCTAssertThrowsError(try ws.transaction { tx in
            try tx.studies.save(study, records: records)
            XCTAssertEqual(try tx.studies.names(), ["demo"])  // visible inside the transaction
            throw Boom()
        }) { XCTAssertTrue($0 is Boom) }
        XCTAssertEqual(try ws.studies.names(), [])
        XCTAssertNil(try ws.studies.records(named: "demo"))
    }

    func testDeleteRemovesStudyAndItsRows() throws {
        let ws = try tmp.open()
        let (study, records) = Self.sample()
        try ws.studies.save(study, records: records)
        XCTAssertTrue(try ws.studies.delete(named: "demo"))
        XCTAssertFalse(try ws.studies.delete(named: "demo"))
        XCTAssertEqual(try ws.studies.list(), [])
        let counts = try ws.access.read { db in
            try ["subjects", "events", "covariates"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
        }
        XCTAssertEqual(counts, [0, 0, 0])
    }
}
