import Foundation
import PKData
import XCTest
@testable import Workbench

final class SessionTests: XCTestCase {
    var tmp: TemporaryDirectory!
    override func setUpWithError() throws { tmp = try TemporaryDirectory() }
    override func tearDown() { tmp.cleanup() }

    func session(_ initialisers: [WorkspaceInitialiser] = []) throws -> Session {
        try Session(workspacePath: tmp.url.appendingPathComponent("ws.sqlite").path,
                    workingDirectory: TemporaryDirectory.repoRoot, initialisers: initialisers)
    }

    func testInitialisersRunOnlyOnANewWorkspace() throws {
        var runs = 0
        let seed = WorkspaceInitialiser(name: "count") { _ in runs += 1 }
        _ = try session([seed])
        _ = try session([seed])
        XCTAssertEqual(runs, 1)
        let failing = WorkspaceInitialiser(name: "broken") { _ in throw WorkbenchError("no weights", hint: "add them") }
        XCTAssertThrowsError(try Session(workspacePath: tmp.url.appendingPathComponent("other.sqlite").path,
                                         initialisers: [failing])) { error in
            XCTAssertEqual(error as? WorkbenchError,
                           WorkbenchError("setting up the new workspace failed in 'broken': no weights", hint: "add them"))
        }
    }

    /// export(import(file)) gives the file's records back, byte for byte, for both shipped datasets.
    func testExportGivesTheImportedRecordsBack() throws {
        let s = try session()
        for name in ["theophylline", "indomethacin"] {
            let source = "workspace/datasets/\(name).csv"
            _ = try s.studyImport(file: source)
            XCTAssertEqual(s.activeStudy, name)
            let out = tmp.url.appendingPathComponent("\(name).csv").path
            _ = try s.studyExport(name, to: out)
            let original = try String(contentsOf: TemporaryDirectory.repoRoot.appendingPathComponent(source), encoding: .utf8)
            XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), original)
        }
        XCTAssertEqual(try s.studyNames(), ["indomethacin", "theophylline"])
    }

    /// A study saved without raw records (e.g. simulated) exports as a canonical NONMEM table that
    /// imports back to the same doses and observations.
    func testSimulatedStudyExportsAndReimports() throws {
        let s = try session()
        let subject = Subject(id: "7", doses: [Dose(time: 0, amount: 100, route: .iv, duration: 1)],
                              observations: [Observation(time: 2, value: 3.5), Observation(time: 8, value: 1.25)],
                              covariates: ["WT": 70])
        try s.workspace.studies.save(Study(name: "sim", subjects: [subject]))
        let file = tmp.url.appendingPathComponent("sim.csv").path
        _ = try s.studyExport("sim", to: file)
        _ = try s.studyImport(file: file, name: "back")
        let back = try s.requireStudy("back").subjects[0]
        XCTAssertEqual(back.id, "7")
        XCTAssertEqual(back.doses.map { [$0.time, $0.amount, $0.duration] }, [[0, 100, 1]])
        XCTAssertEqual(back.doses.first?.route, .iv)
        XCTAssertEqual(back.observations.map(\.value), [3.5, 1.25])
        XCTAssertEqual(back.covariates, ["WT": 70])
        XCTAssertEqual(try s.studyDescribe("sim").blocks.count, 1)
    }

    func testStudyListShowAndDelete() throws {
        let s = try session()
        _ = try s.studyImport(file: "workspace/datasets/theophylline.csv", name: "theo", timeUnit: "h", amountUnit: "mg", dvUnit: "mg/L")
        let list = try XCTUnwrap(s.studyList().tables.first)
        XCTAssertEqual(list.rows.count, 1)
        XCTAssertEqual(list.column("subjects"), [.integer(12)])
        XCTAssertEqual(list.column("observations"), [.integer(132)])
        XCTAssertEqual(list.column("DV"), [.text("mg/L")])
        let subjects = try XCTUnwrap(s.studyShow("theo").tables.first)
        XCTAssertEqual(subjects.rows.count, 12)
        XCTAssertEqual(subjects.column("WT")?.first, .number(79.6))
        let one = try XCTUnwrap(s.studyShow("theo", subject: "1").tables.first)
        XCTAssertEqual(one.rows.count, 12)  // 11 observations + 1 dose
        XCTAssertThrowsError(try s.studyShow("theo", subject: "S17")) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message, "unknown subject 'S17' in study 'theo'")
        }
        _ = try s.studyDelete("theo")
        XCTAssertNil(s.activeStudy)
        XCTAssertThrowsError(try s.studyDelete("theo")) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message, "unknown study 'theo'")
        }
    }

    /// Done-means of the foundation issue: plausible Theoph NCA values for every subject.
    func testNCAOfTheophyllineIsPlausible() throws {
        let s = try session()
        _ = try s.studyImport(file: "workspace/datasets/theophylline.csv")
        let t = try XCTUnwrap(s.nca("theophylline").tables.first)
        XCTAssertEqual(t.rows.count, 14)  // 12 subjects + geometric mean + CV%
        XCTAssertEqual(t.column("ID")?.suffix(2), [.text("geo. mean"), .text("geo. CV%")])
        func values(_ column: String) -> [Double] {
            (t.column(column) ?? []).prefix(12).compactMap { if case .number(let x, _) = $0 { return x } else { return nil } }
        }
        XCTAssertEqual(values("Cmax").count, 12)
        XCTAssertTrue(values("Cmax").allSatisfy { (3...12).contains($0) })
        XCTAssertTrue(values("Tmax").allSatisfy { (0.5...4).contains($0) })
        XCTAssertTrue(values("CL/F").allSatisfy { (0.5...10).contains($0) })
        XCTAssertTrue(values("t1/2").allSatisfy { (4...20).contains($0) })
    }

    func testStudyPlotGivesOneSeriesPerSubject() throws {
        let s = try session()
        _ = try s.studyImport(file: "workspace/datasets/indomethacin.csv")
        guard case .plot(let figure)? = try s.studyPlot("indomethacin", log: true).blocks.first else {
            return XCTFail("expected a plot block")
        }
        XCTAssertEqual(figure.series.map(\.name), ["1", "2", "3", "4", "5", "6"])
        XCTAssertTrue(figure.logY)
        XCTAssertEqual(figure.series[0].points.count, 11)
        guard case .plot(let one)? = try s.studyPlot("indomethacin", subject: "3").blocks.first else {
            return XCTFail("expected a plot block")
        }
        XCTAssertEqual(one.series.map(\.name), ["3"])
    }

    func testImportErrorsNameFileRowSubjectAndChangeNothing() throws {
        let s = try session()
        let bad = tmp.url.appendingPathComponent("bad.csv")
        try "ID,TIME,AMT,DV\n1,0,100,.\n1,2,0,5\n1,1,0,4\n".write(to: bad, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try s.studyImport(file: bad.path)) { error in
            let e = error as? WorkbenchError
            XCTAssertEqual(e?.message, "bad.csv row 4, ID 1: TIME goes backwards (1 after 2)")
            XCTAssertEqual(e?.hint, "sort by ID, TIME; nothing was imported")
        }
        XCTAssertEqual(try s.studyNames(), [])
        XCTAssertThrowsError(try s.studyImport(file: "no/such.csv")) { error in
            XCTAssertEqual((error as? WorkbenchError)?.message, "no such file 'no/such.csv'")
        }
    }

    func testHistoryRangesAndSave() throws {
        let s = try session()
        let t = Date()
        for c in ["study list", "nca x", "history replay 1-2", "study list"] {
            try s.recordHistory(command: c, error: nil, started: t, finished: t)
        }
        XCTAssertEqual(try s.historyCommands(range: "1-4").map(\.command), ["study list", "nca x", "study list"])
        XCTAssertEqual(try s.historyCommands(range: "2").map(\.id), [2])
        for bad in ["0", "3-2", "a", "1-2-3", ""] {
            XCTAssertThrowsError(try s.historyCommands(range: bad), bad)
        }
        let verbose = try XCTUnwrap(s.historyList(limit: 1, verbose: true).tables.first)
        XCTAssertEqual(verbose.columns, ["id", "session", "status", "started", "seconds", "command"])
        XCTAssertEqual(verbose.rows.first?.last, .text("study list"))
        let file = tmp.url.appendingPathComponent("h.aicmet").path
        XCTAssertEqual(try s.historySave(range: "1-2", file: file).blocks.count, 1)
        let text = try String(contentsOfFile: file, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\nstudy list\nnca x\n"), text)
    }

    func testWorkspaceLocation() {
        XCTAssertEqual(WorkspaceLocation.resolve(explicit: "a.sqlite", environment: ["AICMET_WORKSPACE": "b"]), "a.sqlite")
        XCTAssertEqual(WorkspaceLocation.resolve(explicit: nil, environment: ["AICMET_WORKSPACE": "b"]), "b")
        XCTAssertEqual(WorkspaceLocation.resolve(explicit: nil, environment: [:]), "workspace/workbench.sqlite")
    }
}
