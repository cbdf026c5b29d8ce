import XCTest
import Foundation
import PKData
import PKSim
@testable import Workbench

/// The repository's plugins/ directory (from this file's path).
let pluginsDirectory: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.appendingPathComponent("plugins").path
}()

final class RegistryTests: XCTestCase {
    func testBuiltinsAreRegistered() throws {
        let r = Registry.standard()
        XCTAssertEqual(Set(r.entries(.prior).map(\.id)), ["default", "one-compartment", "two-compartment", "metabolite", "compartment-mix"])
        XCTAssertEqual(r.entries(.covariateAdapter).map(\.id), ["weight-allometric"])
        XCTAssertTrue(r.entries(.prior).allSatisfy { $0.version == Registry.builtinVersion && $0.source == .builtin })
        var rng = SeededGenerator(seed: 1)
        for e in r.entries(.prior) {
            let study = try r.prior(e.id).sampleStudy(subjects: 4, rng: &rng)
            XCTAssertEqual(study.subjects.count, 4, e.id)
        }
    }

    func testDuplicateIdIsAnError() throws {
        var r = Registry.standard()
        let e = Registry.Entry(kind: .prior, id: "one-compartment", version: "2", summary: "", source: .file("x.toml"),
                               payload: BuiltinPriors.prior("one-compartment")!)
        XCTAssertThrowsError(try r.register(e)) { error in
            XCTAssertEqual("\(error)", "prior 'one-compartment' is already registered (built-in); x.toml cannot replace it — choose another id")
        }
        // The same id in another kind is fine.
        var other = e; other.kind = .decoder
        XCTAssertNoThrow(try r.register(other))
        // A manifest with a taken id names the file.
        let m = try Manifest.parse(toml: "kind = \"prior\"\nid = \"default\"\nversion = \"1\"\n", file: "dup.toml")
        XCTAssertThrowsError(try r.register(manifest: m)) { error in
            XCTAssertTrue("\(error)".hasPrefix("dup.toml: key 'id': prior 'default' is already registered"), "\(error)")
        }
    }

    func testComposedPriors() throws {
        let r = Registry.standard()
        let c = try r.priorConfig("two-compartment+metabolite+multiple-dose+weight-allometric")
        XCTAssertEqual(c.metaboliteProbability, 1)
        XCTAssertEqual(c.multipleDoseProbability, 1)
        XCTAssertEqual(c.adapters, ["weight-allometric"])
        var rng = SeededGenerator(seed: 4)
        let s = try r.prior("two-compartment+metabolite+weight-allometric").sampleStudy(subjects: 3, rng: &rng)
        XCTAssertTrue(s.subjects.allSatisfy { $0.covariates["WT"] != nil && $0.observations.contains { $0.output == 1 } })
        XCTAssertThrowsError(try r.prior("two-compartment+bogus")) { error in
            XCTAssertTrue("\(error)".contains("cannot compose 'bogus'"), "\(error)")
        }
        XCTAssertThrowsError(try r.prior("compartment-mix+metabolite")) { error in
            XCTAssertEqual("\(error)", "prior 'compartment-mix' is a mix of priors: it has no single configuration to derive from, export or compose")
        }
        XCTAssertThrowsError(try r.prior("nope")) { error in
            XCTAssertTrue("\(error)".hasPrefix("unknown prior 'nope'; known: compartment-mix, default"), "\(error)")
        }
    }

    func testDerivePrior() throws {
        var r = Registry.standard()
        try r.derivePrior(id: "fast-abs", from: "one-compartment", settings: [("log_ka", "1,3"), ("route_weights", "1,0,0")])
        let c = try r.priorConfig("fast-abs")
        XCTAssertEqual(c.logKa, UniformRange(1, 3))
        XCTAssertEqual(c.routeWeights, [1, 0, 0])
        XCTAssertEqual(r.entry(.prior, "fast-abs")?.source, .derived(from: "one-compartment"))
        XCTAssertThrowsError(try r.derivePrior(id: "bad", from: "one-compartment", settings: [("log_ka", "3,1")])) { error in
            XCTAssertEqual("\(error)", "prior derive bad: key 'log_ka': lower bound 3 exceeds upper bound 1")
        }
        XCTAssertThrowsError(try r.derivePrior(id: "fast-abs", from: "one-compartment", settings: [])) { error in
            XCTAssertTrue("\(error)".contains("already registered"))
        }
    }
}

final class RegistryUsabilityTests: XCTestCase {
    /// A configuration that rejects every study is refused when it is derived or loaded, not when sampled.
    func testUnusablePriorIsRefused() throws {
        var r = Registry.standard()
        XCTAssertThrowsError(try r.derivePrior(id: "tiny", from: "one-compartment", settings: [("max_concentration", "1e-12")])) { error in
            XCTAssertTrue("\(error)".hasPrefix("prior derive tiny: prior 'tiny' rejects every simulated study"), "\(error)")
        }
        let m = try Manifest.parse(toml: "kind = \"prior\"\nid = \"tiny\"\nversion = \"1\"\nmin_peak = 1e6\n", file: "tiny.toml")
        XCTAssertThrowsError(try r.register(manifest: m)) { error in
            XCTAssertTrue("\(error)".hasPrefix("tiny.toml: prior 'tiny' rejects every simulated study"), "\(error)")
        }
        XCTAssertNil(r.entry(.prior, "tiny"))
    }
}
