import Foundation
import Workbench
import XCTest
@testable import Shell

/// Behaviour of the interpreter beyond single transcripts: files written by `.output`/`.once`,
/// history across sessions, replay, and failures leaving the workspace unchanged.
final class ShellBehaviourTests: XCTestCase {
    func lines(_ text: String) -> [ScriptLine] { LineJoiner.lines(of: text, source: "test") }

    func testOutputAndOnceWriteFiles() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        _ = h.interpreter.run(lines("""
            study import fixtures/small.csv
            .mode csv
            .once once.csv
            study list
            study list
            .output out.csv
            study show small
            .output
            nca small
            """))
        let once = try String(contentsOf: h.directory.appendingPathComponent("once.csv"), encoding: .utf8)
        XCTAssertEqual(once, "name,subjects,doses,observations,records,time,amount,DV,source\nsmall,2,2,3,5,,,,fixtures/small.csv\n")
        let out = try String(contentsOf: h.directory.appendingPathComponent("out.csv"), encoding: .utf8)
        XCTAssertEqual(out, "ID,doses,observations,first dose,route,amount,WT\nA,1,2,0.0,oral,100.0,70.0\nB,1,1,0.0,oral,100.0,82.5\n")
        // The second `study list` (after .once) and `nca` (after .output) went to the terminal.
        XCTAssertEqual(h.buffer.text.components(separatedBy: "name,subjects").count - 1, 1)
        XCTAssertTrue(h.buffer.text.contains("ID,Cmax,Tmax"))
    }

    func testHistorySurvivesReopenAndReplayReruns() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        XCTAssertEqual(h.interpreter.run(lines("study import fixtures/small.csv\nstudy delete small\n")), .ok)
        // A new session on the same file sees the earlier commands and can replay them.
        let session2 = try Session(workspacePath: "test.sqlite", workingDirectory: h.directory)
        XCTAssertEqual(session2.historySession, 2)
        let buffer = BufferSink()
        let second = Interpreter(session: session2, stdout: buffer, stderr: buffer, interactive: false, style: Style(color: false))
        XCTAssertEqual(second.run(lines("history\n")), .ok)
        XCTAssertTrue(buffer.text.contains(" 1        1  ok      study import fixtures/small.csv"), buffer.text)
        XCTAssertTrue(buffer.text.contains(" 2        1  ok      study delete small"), buffer.text)
        XCTAssertEqual(try session2.studyNames(), [])
        XCTAssertEqual(second.run(lines("history replay 1\n")), .ok)
        XCTAssertEqual(try session2.studyNames(), ["small"])
        // The replayed command is not recorded twice; the replay line is.
        let commands = try session2.historyCommandTexts(limit: 100)
        XCTAssertEqual(commands, ["study import fixtures/small.csv", "study delete small", "history", "history replay 1"])
    }

    func testFailedImportLeavesWorkspaceUnchangedAndFailsBatch() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        XCTAssertEqual(h.interpreter.run(lines("study import fixtures/small.csv\n")), .ok)
        let before = try h.session.studyList().tables
        XCTAssertEqual(h.interpreter.run(lines("study import fixtures/time-backwards.csv\n")), .failed)
        XCTAssertTrue(h.buffer.text.contains("test:1: time-backwards.csv row 7, ID 2: TIME goes backwards"), h.buffer.text)
        XCTAssertEqual(try h.session.studyList().tables, before)
        XCTAssertEqual(try h.session.studyNames(), ["small"])
        XCTAssertEqual(h.interpreter.failures, 1)
    }

    func testBailStopsAtFirstError() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        h.interpreter.bail = true
        XCTAssertEqual(h.interpreter.run(lines("nca nope\nstudy import fixtures/small.csv\n")), .failed)
        XCTAssertEqual(try h.session.studyNames(), [])
    }

    /// `help` lists every verb of `CommandList` with its abstract (checked loosely: other verbs join the list).
    func testHelpListsEveryVerb() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        XCTAssertEqual(h.interpreter.run(lines("help\n")), .ok)
        for verb in CommandList.verbs {
            XCTAssertTrue(h.buffer.text.contains("\n\(verb._commandName) "), verb._commandName)
            XCTAssertTrue(h.buffer.text.contains(verb.configuration.abstract), verb._commandName)
        }
        XCTAssertTrue(h.buffer.text.contains("`.help` lists them"))
    }

    func testQuitStopsAScript() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        XCTAssertEqual(h.interpreter.run(lines(".quit\nstudy import fixtures/small.csv\n")), .quit)
        XCTAssertEqual(try h.session.studyNames(), [])
    }

    func testCancellationFlagStopsACommand() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        _ = h.interpreter.run(lines("study import fixtures/small.csv\n"))
        h.session.cancellation.cancel()
        XCTAssertThrowsError(try h.session.checkCancelled()) { XCTAssertEqual($0 as? WorkbenchError, .cancelled) }
        // The interpreter clears the flag before each command, so the next one runs.
        XCTAssertEqual(h.interpreter.run(lines("nca small\n")), .ok)
    }
}
