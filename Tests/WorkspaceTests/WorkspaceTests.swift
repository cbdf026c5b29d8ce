import Foundation
import GRDB
import XCTest
@testable import Workspace

final class WorkspaceTests: XCTestCase {
    var tmp = TemporaryWorkspace()
    override func tearDown() { tmp.cleanup() }

    func testNewWorkspaceIsMigratedInWALMode() throws {
        let ws = try tmp.open()
        XCTAssertTrue(ws.isNew)
        XCTAssertEqual(try ws.appliedMigrations(), ["v1-history", "v1-models", "v1-sessions", "v1-studies"])
        XCTAssertEqual(try ws.journalMode(), "wal")
        let reopened = try tmp.open()
        XCTAssertFalse(reopened.isNew)
    }

    func testOpeningANonDatabaseFileFailsWithHint() throws {
        try FileManager.default.createDirectory(at: tmp.directory, withIntermediateDirectories: true)
        try Data("not a database at all, just text".utf8).write(to: URL(fileURLWithPath: tmp.path))
        XCTAssertThrowsError(try tmp.open()) { error in
            let e = error as? WorkspaceError
            XCTAssertTrue(e?.message.hasPrefix("cannot open workspace '\(self.tmp.path)'") ?? false, "\(error)")
            XCTAssertNotNil(e?.hint)
        }
    }

    func testHistorySurvivesReopenAndSessionsIncrease() throws {
        let t0 = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let ws = try tmp.open()
            let s = try ws.history.newSession()
            XCTAssertEqual(s, 1)
            try ws.history.append(session: s, command: "study list", status: .ok, started: t0, finished: t0.addingTimeInterval(0.25))
            try ws.history.append(session: s, command: "nca nope", status: .error, message: "unknown study 'nope'",
                                  started: t0, finished: t0)
        }
        let ws = try tmp.open()
        let s2 = try ws.history.newSession()
        XCTAssertEqual(s2, 2)
        try ws.history.append(session: s2, command: "history", status: .ok, started: t0, finished: t0)
        let all = try ws.history.entries()
        XCTAssertEqual(all.map(\.command), ["study list", "nca nope", "history"])
        XCTAssertEqual(all.map(\.sequence), [1, 2, 1])
        XCTAssertEqual(all[0].duration, 0.25, accuracy: 1e-9)
        XCTAssertEqual(all[0].started, t0)
        XCTAssertEqual(all[1].status, .error)
        XCTAssertEqual(all[1].message, "unknown study 'nope'")
        XCTAssertEqual(try ws.history.entries(session: 1).count, 2)
        XCTAssertEqual(try ws.history.entries(limit: 1).map(\.command), ["history"])
        XCTAssertEqual(try ws.history.entries(ids: 2...3).map(\.command), ["nca nope", "history"])
        XCTAssertEqual(try ws.history.commands(limit: 2), ["nca nope", "history"])
    }

    func testModelsRunsEvaluationsPriors() throws {
        let ws = try tmp.open()
        let weights = Data([1, 2, 3, 255])
        let base = try ws.models.save(name: "base", spec: "{\"prior\":\"one-compartment\"}", plugins: "[]", weights: weights)
        let tuned = try ws.models.save(name: "tuned", spec: base.spec, plugins: "[]", weights: nil, parentID: base.id)
        XCTAssertThrowsError(try ws.models.save(name: "base", spec: "{}", plugins: "[]", weights: nil))
        try ws.models.update(name: "tuned", weights: Data([9]), metrics: "{\"rmse\":1}")
        XCTAssertEqual(try ws.models.load(named: "tuned")?.weights, Data([9]))
        XCTAssertEqual(try ws.models.load(named: "tuned")?.parentID, base.id)
        XCTAssertEqual(try ws.models.load(named: "base")?.weights, weights)
        XCTAssertEqual(try ws.models.names(), ["base", "tuned"])
        XCTAssertThrowsError(try ws.models.update(name: "nope", weights: nil))

        let run = try ws.runs.start(modelID: tuned.id, kind: .finetune, command: "finetune tuned", seed: UInt64.max)
        XCTAssertEqual(run.status, "running")
        try ws.runs.update(id: run.id, steps: 3, status: "done", lossCurve: [3, 2, 1.5], finished: Date())
        let done = try XCTUnwrap(try ws.runs.load(id: run.id))
        XCTAssertEqual(done.seed, UInt64.max)
        XCTAssertEqual(done.lossCurve, [3, 2, 1.5])
        XCTAssertNotNil(done.finished)
        XCTAssertEqual(try ws.runs.list(modelID: tuned.id).count, 1)

        let ev = try ws.evaluations.save(study: "theo", forecasters: ["nlme", "base"], settings: "{}", results: "[]")
        XCTAssertEqual(try ws.evaluations.load(id: ev.id)?.forecasters, ["nlme", "base"])
        XCTAssertEqual(try ws.evaluations.list(study: "other").count, 0)

        try ws.priors.save(id: "my-prior", manifest: "id = \"my-prior\"")
        XCTAssertThrowsError(try ws.priors.save(id: "my-prior", manifest: ""))
        XCTAssertEqual(try ws.priors.list().map(\.id), ["my-prior"])
        XCTAssertTrue(try ws.priors.delete(id: "my-prior"))

        XCTAssertTrue(try ws.models.delete(named: "tuned"))
        XCTAssertEqual(try ws.runs.list().count, 0)  // runs go with their model
    }
}

final class MigrationTests: XCTestCase {
    var tmp = TemporaryWorkspace()
    override func tearDown() { tmp.cleanup() }

    /// A workspace made before "v1-sessions" opens, is migrated, keeps its history and numbers new
    /// sessions after the old ones.
    func testOlderWorkspaceOpensAndKeepsItsHistory() throws {
        try FileManager.default.createDirectory(at: tmp.directory, withIntermediateDirectories: true)
        do {
            let pool = try DatabasePool(path: tmp.path)
            try WorkspaceMigrations.migrator.migrate(pool, upTo: "v1-models")
            try pool.write { db in
                try db.execute(sql: """
                    INSERT INTO history (session, sequence, command, status, started, finished, duration)
                    VALUES (3, 1, 'study list', 'ok', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 0)
                    """)
            }
        }
        let ws = try tmp.open()
        XCTAssertFalse(ws.isNew)
        XCTAssertEqual(try ws.appliedMigrations(), ["v1-history", "v1-models", "v1-sessions", "v1-studies"])
        XCTAssertEqual(try ws.history.entries().map(\.command), ["study list"])
        XCTAssertEqual(try ws.history.newSession(), 4)
        XCTAssertEqual(try ws.history.newSession(), 5)
    }
}
