import XCTest
import Workbench
@testable import Shell

/// Tab completion of the model verbs: subcommands, models, studies, subjects and registry ids.
final class ModelCompletionTests: XCTestCase {
    func testCompletesModelsStudiesSubjectsAndPluginIDs() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        let script = "study import fixtures/small.csv\nmodel new tiny1 --prior one-compartment --size tiny --seed 1\n"
        XCTAssertEqual(h.interpreter.run(LineJoiner.lines(of: script, source: "t")), .ok)
        let c = Completer(session: h.session)
        XCTAssertEqual(c.candidates(prefix: "model s"), ["show"])
        XCTAssertEqual(c.candidates(prefix: "model show "), ["tiny1"])
        XCTAssertEqual(c.candidates(prefix: "model join "), [], "the new ensemble's name is not completed")
        XCTAssertEqual(c.candidates(prefix: "model join both "), ["tiny1"])
        XCTAssertEqual(c.candidates(prefix: "model join both tiny1 t"), ["tiny1"], "every member after the name completes")
        XCTAssertEqual(c.candidates(prefix: "model show tiny1 "), [], "single-argument verbs stop after their argument")
        XCTAssertEqual(c.candidates(prefix: "train t"), ["tiny1"])
        XCTAssertEqual(c.candidates(prefix: "model new x --prior one"), ["one-compartment"])
        XCTAssertEqual(c.candidates(prefix: "model new x --covariates w"), ["weight-allometric"])
        XCTAssertEqual(c.candidates(prefix: "model new x --size t"), ["tiny"])
        XCTAssertEqual(c.candidates(prefix: "forecast s"), ["small"])
        XCTAssertEqual(c.candidates(prefix: "forecast small --subject "), ["A", "B"])
        XCTAssertEqual(c.candidates(prefix: "forecast small --model "), ["tiny1"])
        XCTAssertEqual(c.candidates(prefix: "finetune tiny1 --study "), ["small"])
        XCTAssertEqual(c.candidates(prefix: "gen"), ["generate"])
    }
}
