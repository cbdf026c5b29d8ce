import XCTest
import Workbench
@testable import Shell

final class CompletionTests: XCTestCase {
    func testCompletesVerbsSubcommandsOptionsStudiesSubjectsAndFiles() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        _ = h.interpreter.run(LineJoiner.lines(of: "study import fixtures/small.csv\n", source: "t"))
        let c = Completer(session: h.session)
        XCTAssertEqual(c.candidates(prefix: "st"), ["study"])
        XCTAssertEqual(c.candidates(prefix: ".m"), [".mode"])
        XCTAssertEqual(c.candidates(prefix: "study i"), ["import"])
        XCTAssertEqual(c.candidates(prefix: "study show "), ["small"])
        XCTAssertEqual(c.candidates(prefix: "study show small --sub"), ["--subject"])
        XCTAssertEqual(c.candidates(prefix: "study show small --subject "), ["A", "B"])
        XCTAssertEqual(c.candidates(prefix: "nca s"), ["small"])
        XCTAssertEqual(c.candidates(prefix: "study import fixtures/ti"), ["fixtures/time-backwards.csv"])
        XCTAssertEqual(c.candidates(prefix: "study import fix"), ["fixtures/"])
        XCTAssertEqual(c.candidates(prefix: "study import x.csv --name "), [])
        XCTAssertEqual(c.candidates(prefix: ".mode j"), ["json"])
        XCTAssertEqual(c.candidates(prefix: "help hi"), ["history"])
        XCTAssertEqual(c.candidates(prefix: "history "), ["list", "replay", "save"])
    }
}
