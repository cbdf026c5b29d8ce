import Foundation
import XCTest

/// Each `Transcripts/NAME.aicmet` runs on a fresh workspace and its output must equal `NAME.expected`
/// (see Transcripts/README.md to regenerate).
final class TranscriptTests: XCTestCase {
    func transcript(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let harness = try TranscriptHarness()
        defer { harness.cleanup() }
        try TranscriptHarness.check(try harness.runTranscript(name), against: name, file: file, line: line)
    }

    func testStudyVerbs() throws { try transcript("study") }
    func testNCA() throws { try transcript("nca") }
    func testHistory() throws { try transcript("history") }
    func testDotCommands() throws { try transcript("dot-commands") }
    func testOutputModes() throws { try transcript("modes") }
    func testLanguage() throws { try transcript("language") }
    func testImportErrors() throws { try transcript("import-errors") }
    func testBail() throws { try transcript("bail") }
    func testHelp() throws { try transcript("help") }
    /// Plots are 72×20 in batch mode.
    func testPlot() throws { try transcript("plot") }
    func testPriorVerbs() throws { try transcript("prior") }
    func testPluginVerbs() throws { try transcript("plugin") }
    func testSimulate() throws { try transcript("simulate") }

    /// The notebook replays with the output recorded in Transcripts/notebook-01.expected.
    func testNotebook01() throws {
        let harness = try TranscriptHarness()
        defer { harness.cleanup() }
        try TranscriptHarness.check(harness.run(["notebooks/01-explore-theophylline.aicmet"]), against: "notebook-01")
    }
}
