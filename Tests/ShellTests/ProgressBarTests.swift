import XCTest
@testable import Shell

final class ProgressBarTests: XCTestCase {
    func testBarShowsCountMetricAndEndsItsLine() {
        let sink = BufferSink()
        let bar = ProgressBar(sink: sink, enabled: true)
        bar.update(done: 0, total: 4, metric: "")
        bar.update(done: 2, total: 4, metric: "loss 0.5")
        XCTAssertNotNil(sink.text.range(of: #"\r\[#{15}-{15}\] 2/4  loss 0\.5  ETA \d+s\x1B\[K$"#, options: .regularExpression),
                        sink.text)
        bar.update(done: 4, total: 4, metric: "loss 0.25")
        XCTAssertTrue(sink.text.hasSuffix("] 4/4  loss 0.25\u{1B}[K\n"), sink.text)
        bar.finish()  // already finished: no second newline
        XCTAssertFalse(sink.text.hasSuffix("\n\n"))
    }

    /// A command that leaves its bar unfinished still gets its result (or error) on a new line.
    func testResultsAndErrorsStartOnTheirOwnLine() throws {
        let h = try TranscriptHarness()
        defer { h.cleanup() }
        h.interpreter.progressBar.enabled = true
        h.interpreter.progressBar.update(done: 1, total: 3, metric: "")
        XCTAssertEqual(h.interpreter.execute(ScriptLine(text: "study list")), .ok)
        XCTAssertTrue(h.buffer.text.contains("\u{1B}[K\nname"), h.buffer.text)
        h.interpreter.progressBar.update(done: 1, total: 3, metric: "")
        XCTAssertEqual(h.interpreter.execute(ScriptLine(text: "nca nope")), .failed)
        XCTAssertTrue(h.buffer.text.contains("\u{1B}[K\nerror: unknown study"), h.buffer.text)
    }

    func testDisabledBarIsSilent() {
        let sink = BufferSink()
        ProgressBar(sink: sink, enabled: false).update(done: 1, total: 2, metric: "x")
        XCTAssertEqual(sink.text, "")
    }

    func testDurations() {
        XCTAssertEqual(ProgressBar.duration(12.4), "12s")
        XCTAssertEqual(ProgressBar.duration(600), "10m")
        XCTAssertEqual(ProgressBar.duration(7200), "2.0h")
    }
}
