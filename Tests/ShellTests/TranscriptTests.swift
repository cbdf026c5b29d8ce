import Foundation
import XCTest

/// Each `Transcripts/NAME.aicmet` runs on a fresh workspace and its output must equal `NAME.expected`
/// (see Transcripts/README.md to regenerate).
final class TranscriptTests: XCTestCase {
    /// Runs `Transcripts/NAME.aicmet` on a fresh workspace and asserts that its output equals `NAME.expected`.
    func assertTranscript(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let harness = try TranscriptHarness()
        defer { harness.cleanup() }
        let mismatch = try TranscriptHarness.mismatch(harness.runTranscript(name), against: name)
        if let mismatch { XCTFail(mismatch, file: file, line: line) }
    }

    func testStudyVerbs() throws { try assertTranscript("study") }
    func testNCA() throws { try assertTranscript("nca") }
    func testHistory() throws { try assertTranscript("history") }
    func testDotCommands() throws { try assertTranscript("dot-commands") }
    func testOutputModes() throws { try assertTranscript("modes") }
    func testLanguage() throws { try assertTranscript("language") }
    func testImportErrors() throws { try assertTranscript("import-errors") }
    func testBail() throws { try assertTranscript("bail") }
    func testHelp() throws { try assertTranscript("help") }
    /// Plots are 72×20 in batch mode.
    func testPlot() throws { try assertTranscript("plot") }
    func testPriorVerbs() throws { try assertTranscript("prior") }
    func testPluginVerbs() throws { try assertTranscript("plugin") }
    func testSimulate() throws { try assertTranscript("simulate") }
    /// A short replay of notebook 02: evaluate (NLME + naive), report files, plot fit, input errors.
    func testEvaluate() throws { try assertTranscript("evaluate") }

    /// The notebook replays with the output recorded in Transcripts/notebook-01.expected.
    func testNotebook01() throws {
        let harness = try TranscriptHarness()
        defer { harness.cleanup() }
        let mismatch = try TranscriptHarness.mismatch(harness.run(["notebooks/01-explore-theophylline.aicmet"]), against: "notebook-01")
        if let mismatch { XCTFail(mismatch) }
    }
}
