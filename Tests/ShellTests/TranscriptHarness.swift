import Foundation
import Workbench
import XCTest
@testable import Shell

/// Runs a script through the same runner as `aicmet run` on a fresh workspace and returns the combined
/// stdout+stderr text (in order) plus the exit status, with machine-specific parts normalised.
///
/// The script runs in a new temporary directory holding links `workspace` → the repository's
/// `workspace/` (for `workspace/datasets/…`), `fixtures` → `Tests/ShellTests/Fixtures` and `notebooks`;
/// files it writes stay in that directory. The workspace file is `$TMP/test.sqlite`.
struct TranscriptHarness {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let transcripts = repoRoot.appendingPathComponent("Tests/ShellTests/Transcripts")

    let directory: URL
    let session: Session
    let buffer = BufferSink()
    let interpreter: Interpreter

    init() throws {
        let fm = FileManager.default
        let resolved = fm.temporaryDirectory.resolvingSymlinksInPath()
        directory = resolved.appendingPathComponent("aicmet-transcript-\(UUID().uuidString)")
        try fm.createDirectory(at: directory, withIntermediateDirectories: true)
        for (link, target) in [("workspace", "workspace"), ("fixtures", "Tests/ShellTests/Fixtures"), ("notebooks", "notebooks")] {
            try fm.createSymbolicLink(at: directory.appendingPathComponent(link),
                                      withDestinationURL: Self.repoRoot.appendingPathComponent(target))
        }
        session = try Session(workspacePath: "test.sqlite", workingDirectory: directory)
        interpreter = Interpreter(session: session, stdout: buffer, stderr: buffer, interactive: false,
                                  style: Style(color: false))
    }

    func cleanup() { try? FileManager.default.removeItem(at: directory) }

    /// Runs script files (paths relative to the temporary directory) like `aicmet run`; returns the
    /// normalised transcript ending with `exit status: N`.
    func run(_ paths: [String]) -> String {
        let outcome = ScriptFiles.run(paths, interpreter: interpreter)
        return normalise(buffer.text) + "exit status: \(outcome == .failed || interpreter.failures > 0 ? 1 : 0)\n"
    }

    /// Copies a transcript script into the temporary directory and runs it as `NAME.aicmet`.
    func runTranscript(_ name: String) throws -> String {
        let source = Self.transcripts.appendingPathComponent(name + ".aicmet")
        try FileManager.default.copyItem(at: source, to: directory.appendingPathComponent(name + ".aicmet"))
        return run([name + ".aicmet"])
    }

    func normalise(_ text: String) -> String {
        var t = text.replacingOccurrences(of: directory.path, with: "$TMP")
        t = t.replacingOccurrences(of: #"Run Time: [0-9.]+ s"#, with: "Run Time: <t> s", options: .regularExpression)
        return t
    }

    /// Compares `actual` with `NAME.expected`: nil when they are equal, else where they first differ (the tests
    /// fail with it). With AICMET_UPDATE_TRANSCRIPTS=1 in the environment, (re)writes the expected file
    /// instead and returns nil.
    static func mismatch(_ actual: String, against name: String) throws -> String? {
        let url = transcripts.appendingPathComponent(name + ".expected")
        if ProcessInfo.processInfo.environment["AICMET_UPDATE_TRANSCRIPTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return nil
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            return "missing \(url.path); run AICMET_UPDATE_TRANSCRIPTS=1 swift test --filter ShellTests"
        }
        guard actual != expected else { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        return """
            transcript \(name) differs at line \(first + 1):
              expected: \(first < e.count ? String(e[first]) : "<end>")
              actual:   \(first < a.count ? String(a[first]) : "<end>")
            full output:
            \(actual)
            """
    }
}
