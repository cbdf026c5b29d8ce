import Foundation
import Workspace

/// A fresh workspace path in a new temporary directory (removed by `cleanup`).
struct TemporaryWorkspace {
    let directory: URL
    var path: String { directory.appendingPathComponent("test.sqlite").path }

    init() {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("aicmet-ws-\(UUID().uuidString)")
    }

    func open() throws -> Workspace { try Workspace(path: path) }
    func cleanup() { try? FileManager.default.removeItem(at: directory) }
}
