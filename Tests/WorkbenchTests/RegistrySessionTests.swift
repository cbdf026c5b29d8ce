import XCTest
import Foundation
import PKData
import PKSim
@testable import Workbench

/// The registry inside a session: plugin directories at start-up, derived priors persisted in the
/// workspace, simulated studies stored like imported ones.
final class RegistrySessionTests: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("registry-session-\(UUID().uuidString)")
        let plugins = directory.appendingPathComponent("plugins")
        try FileManager.default.createDirectory(at: plugins, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: pluginsDirectory + "/three-compartment.toml",
                                         toPath: plugins.appendingPathComponent("three-compartment.toml").path)
        try "kind = \"prior\"\nid = \"broken\"\nversion = \"1\"\nlog_ka = [5, 1]\n"
            .write(to: plugins.appendingPathComponent("broken.toml"), atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: directory) }

    func notes(_ r: CommandResult) -> [String] { r.blocks.compactMap { if case .note(let s) = $0 { return s } else { return nil } } }

    func testPluginDirectoryAndSkippedManifests() throws {
        let session = try Session(workspacePath: "w.sqlite", workingDirectory: directory)
        let list = try session.pluginList(kind: "prior")
        XCTAssertEqual(notes(list), ["plugin skipped: plugins/broken.toml: key 'log_ka': lower bound 5 exceeds upper bound 1"])
        let source = try session.registry().entry(.prior, "three-compartment")?.source
        XCTAssertEqual(source, .file("plugins/three-compartment.toml"))
        XCTAssertTrue(list.tables[0].column("id")!.contains(.text("three-compartment")))
        XCTAssertFalse(list.tables[0].column("id")!.contains(.text("broken")))
        XCTAssertEqual(notes(try session.pluginList()), [], "notes are shown once")
    }

    func testDerivedPriorPersistsAndSimulatedStudiesAreStored() throws {
        do {
            let session = try Session(workspacePath: "w.sqlite", workingDirectory: directory)
            _ = try session.priorDerive("slow", from: "three-compartment", settings: ["log_ke=-5,-4", "multiple_dose_probability=1"])
            _ = try session.simulate(prior: "slow", adapters: ["weight-allometric"], studies: 2, subjects: 3, seed: 9, save: "s")
            XCTAssertEqual(session.activeStudy, "s_1")
            XCTAssertThrowsError(try session.simulate(prior: "slow", seed: 9, save: "s_2")) { error in
                XCTAssertEqual((error as? WorkbenchError)?.message, "study 's_2' already exists")
            }
        }
        let again = try Session(workspacePath: "w.sqlite", workingDirectory: directory)
        let c = try again.registry().priorConfig("slow")
        XCTAssertEqual(c.logKe, UniformRange(-5, -4))
        XCTAssertEqual(c.multipleDoseProbability, 1)
        XCTAssertEqual(c.peripheralWeights, [0, 0, 1])
        let study = try again.requireStudy("s_2")
        XCTAssertEqual(study.subjects.count, 3)
        XCTAssertTrue(study.subjects.allSatisfy { $0.doses.count >= 2 && $0.covariates["WT"] != nil })
        // The same command and seed give the same study.
        let registry = try again.registry()
        var master = SeededGenerator(seed: 9)
        _ = master.split()
        var rng = master.split()
        let expected = try registry.prior("slow+weight-allometric").sampleStudy(subjects: 3, rng: &rng)
        XCTAssertEqual(study.subjects.map { $0.observations.map(\.value) }, expected.subjects.map { $0.observations.map(\.value) })
    }
}
