import Foundation
import XCTest

/// End-to-end through the built `aicmet` executable (standard input piped, as in the done-means).
final class BinaryTests: XCTestCase {
    var binary: URL { Bundle.main.bundleURL.appendingPathComponent("aicmet") }

    func run(_ arguments: [String], stdin: String) throws -> (status: Int32, stdout: String, stderr: String) {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("aicmet not built next to the test bundle (\(binary.path)); run `swift build --build-tests`")
        }
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.currentDirectoryURL = TranscriptHarness.repoRoot
        var env = ProcessInfo.processInfo.environment
        env["AICMET_WORKSPACE"] = nil
        p.environment = env
        let input = Pipe(), output = Pipe(), error = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = error
        try p.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = error.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func testPipedImportListNCA() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aicmet-bin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("x.sqlite").path
        let r = try run(["--workspace", ws],
                        stdin: "study import workspace/datasets/theophylline.csv\nstudy list\nnca theophylline\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("theophylline        12     12           132"), r.stdout)
        let rows = r.stdout.split(separator: "\n").filter { line in (1...12).contains { line.hasPrefix("\($0) ") } }
        XCTAssertEqual(rows.count, 12, r.stdout)
        XCTAssertTrue(r.stdout.contains("geo. mean") && r.stdout.contains("geo. CV%"))
        XCTAssertFalse(r.stdout.contains("\u{1B}["), "no colour when piped")

        // A file whose TIME goes backwards: error on stderr naming row and subject, exit status 1, nothing imported.
        let bad = try run(["--workspace", ws], stdin: "study import Tests/ShellTests/Fixtures/time-backwards.csv\nstudy list\n")
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(bad.stderr.contains("<stdin>:1: time-backwards.csv row 7, ID 2: TIME goes backwards"), bad.stderr)
        XCTAssertTrue(bad.stdout.contains("theophylline") && !bad.stdout.contains("time-backwards"), bad.stdout)

        // -c and a second session: history shows the first session's commands.
        let h = try run(["--workspace", ws, "-c", "history --session 1"], stdin: "")
        XCTAssertEqual(h.status, 0, h.stderr)
        XCTAssertTrue(h.stdout.contains("study import workspace/datasets/theophylline.csv"), h.stdout)
        XCTAssertTrue(h.stdout.contains("nca theophylline"), h.stdout)
    }

    /// -c repeats: the commands run in order in one session, errors name -c:N.
    func testRepeatedCommandOptionsRunInOrder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("aicmet-bin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let ws = dir.appendingPathComponent("x.sqlite").path
        let r = try run(["--workspace", ws, "-c", "study import workspace/datasets/theophylline.csv --name theo",
                         "-c", "study list", "-c", "study show nope"], stdin: "")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("imported theo") && r.stdout.contains("theo "), r.stdout)
        XCTAssertTrue(r.stderr.contains("-c:3: unknown study 'nope'"), r.stderr)
    }
}
