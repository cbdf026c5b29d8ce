import Foundation
import XCTest

/// Transcripts of the model verbs (`model`, `train`, `finetune`, `forecast`, `generate`) with tiny models
/// trained for a few steps (fixed seeds). Besides the harness's normalisation, UTC timestamps print as
/// `<time>` and training durations and rates as `<t> s (<r> steps/s)`.
final class ModelTranscriptTests: XCTestCase {
    func transcript(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let harness = try TranscriptHarness()
        defer { harness.cleanup() }
        try TranscriptHarness.check(Self.normalise(try harness.runTranscript(name)), against: name, file: file, line: line)
    }

    static func normalise(_ text: String) -> String {
        var t = text.replacingOccurrences(of: #"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d"#, with: "<time>             ", options: .regularExpression)
        t = t.replacingOccurrences(of: #"in [0-9.]+ s \([0-9.]+ steps/s\)"#, with: "in <t> s (<r> steps/s)", options: .regularExpression)
        t = t.replacingOccurrences(of: #"\(\d+ bytes\)"#, with: "(<n> bytes)", options: .regularExpression)
        return t
    }

    func testModel() throws { try transcript("model") }
    func testTrain() throws { try transcript("train") }
    func testFinetune() throws { try transcript("finetune") }
    func testForecast() throws { try transcript("forecast") }
    func testGenerate() throws { try transcript("generate") }
}
