import Foundation
import XCTest

/// Transcripts of the model verbs (`model`, `train`, `finetune`, `forecast`, `generate`) with tiny models
/// (fixed seeds; forecast and generate use untrained ones). Besides the harness's normalisation, UTC
/// timestamps print as `<time>`, training durations and rates as `<t> s (<r> steps/s)`, and full-precision
/// numbers (`.mode csv`) are rounded to 4 significant digits, as tables show them, so the transcripts do not
/// hang on the last bits of float arithmetic.
final class ModelTranscriptTests: XCTestCase {
    /// Runs `Transcripts/NAME.aicmet` on a fresh workspace and asserts that its output equals `NAME.expected`.
    func assertTranscript(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let harness = try TranscriptHarness()
        defer { harness.cleanup() }
        let mismatch = try TranscriptHarness.mismatch(Self.normalise(harness.runTranscript(name)), against: name)
        if let mismatch { XCTFail(mismatch, file: file, line: line) }
    }

    static func normalise(_ text: String) -> String {
        var t = text.replacingOccurrences(of: #"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"#, with: "<time>             ", options: .regularExpression)
        t = t.replacingOccurrences(of: #"in [0-9.]+ s \([0-9.]+ steps/s\)"#, with: "in <t> s (<r> steps/s)", options: .regularExpression)
        t = t.replacingOccurrences(of: #"\(\d+ bytes\)"#, with: "(<n> bytes)", options: .regularExpression)
        return roundLongNumbers(t)
    }

    /// Numbers with 7 or more decimals, rounded to 4 significant digits ("%.4g").
    static func roundLongNumbers(_ text: String) -> String {
        let pattern = try! NSRegularExpression(pattern: #"-?\d+\.\d{7,}(e-?\d+)?"#)
        var out = text
        for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
            let range = Range(match.range, in: text)!
            out.replaceSubrange(range, with: String(format: "%.4g", Double(text[range])!))
        }
        return out
    }

    func testModel() throws { try assertTranscript("model") }
    func testTrain() throws { try assertTranscript("train") }
    func testFinetune() throws { try assertTranscript("finetune") }
    func testForecast() throws { try assertTranscript("forecast") }
    func testGenerate() throws { try assertTranscript("generate") }
}
