import XCTest
import Foundation
import PKData
import PKSim
@testable import Workbench

final class RegistryManifestTests: XCTestCase {
    @discardableResult
    func register(_ toml: String, file: String = "test.toml", into r: inout Registry) throws -> Registry.Entry {
        try r.register(manifest: Manifest.parse(toml: toml, file: file))
    }

    /// The error message of registering a manifest, or "" when it registers.
    func message(_ toml: String, file: String = "plugins/x.toml") -> String {
        var r = Registry.standard()
        do { _ = try register(toml, file: file, into: &r); return "" } catch { return "\(error)" }
    }

    func testShippedManifestsLoad() throws {
        var r = Registry.standard()
        let loaded = try r.loadDirectory(pluginsDirectory)
        XCTAssertEqual(Set(loaded.map(\.id)), ["three-compartment", "weight-allometric-wide"])
        let c = try r.priorConfig("three-compartment")
        XCTAssertEqual(c.peripheralWeights, [0, 0, 1])
        XCTAssertEqual(r.entry(.prior, "three-compartment")?.source, .file(pluginsDirectory + "/three-compartment.toml"))
        var rng = SeededGenerator(seed: 8)
        let s = try r.prior("three-compartment").sampleStudy(subjects: 5, rng: &rng)
        XCTAssertEqual(s.subjects.count, 5)
        let a = try XCTUnwrap(try r.adapter("weight-allometric-wide") as? WeightAllometricAdapter)
        XCTAssertEqual(a.median, 50); XCTAssertEqual(a.logSD, 0.5)
        // Loading the directory again: every id is a duplicate.
        XCTAssertThrowsError(try r.loadDirectory(pluginsDirectory)) { error in
            XCTAssertTrue("\(error)".contains("already registered"), "\(error)")
        }
    }

    func testManifestErrorsNameFileAndKey() {
        let head = "kind = \"prior\"\nid = \"p\"\nversion = \"1\"\n"
        XCTAssertEqual(message(head + "log_kaa = [0, 1]\n"),
                       "plugins/x.toml: key 'log_kaa': unknown key; known keys: " + PriorConfig.keys.map(\.name).joined(separator: ", "))
        XCTAssertEqual(message(head + "log_ka = [0, 30]\n"), "plugins/x.toml: key 'log_ka': 30 is out of range [-20, 20]")
        XCTAssertEqual(message(head + "metabolite_probability = 1.5\n"), "plugins/x.toml: key 'metabolite_probability': 1.5 is out of range [0, 1]")
        XCTAssertEqual(message(head + "route_weights = [1, 0]\n"), "plugins/x.toml: key 'route_weights': expected 3 numbers, got 2")
        XCTAssertEqual(message(head + "noise = \"gaussian\"\n"),
                       "plugins/x.toml: key 'noise': 'gaussian' is not one of proportional, additive, combined, lognormal")
        XCTAssertEqual(message(head + "peripherals = [4]\n"), "plugins/x.toml: key 'peripherals': 4 is out of range [0, 3]")
        XCTAssertEqual(message(head + "base = \"nope\"\n"),
                       "plugins/x.toml: key 'base': 'nope' is not a registered structural prior (known: compartment-mix, default, metabolite, one-compartment, two-compartment)")
        XCTAssertEqual(message(head + "adapters = [\"height\"]\n"),
                       "plugins/x.toml: key 'adapters': unknown covariate adapter 'height' (registered: weight-allometric)")
        XCTAssertEqual(message("kind = \"prior\"\nversion = \"1\"\n"),
                       "plugins/x.toml: key 'id': missing (every manifest sets kind, id and version)")
        XCTAssertEqual(message("kind = \"widget\"\nid = \"w\"\nversion = \"1\"\n"),
                       "plugins/x.toml: key 'kind': no loader for kind 'widget' (loadable kinds: covariate-adapter, prior)")
        XCTAssertTrue(message("kind = \"prior\"\nid = \n").hasPrefix("plugins/x.toml: TOML syntax error: "))
        XCTAssertEqual(message(head + "[ranges]\nlog_ka = 1\n"), "plugins/x.toml: key 'ranges': nested tables are not supported (write the keys at top level)")
        let adapter = "kind = \"covariate-adapter\"\nid = \"a\"\nversion = \"1\"\n"
        XCTAssertEqual(message(adapter + "family = \"power\"\ncovariate = \"AGE\"\nparameter = \"CL\"\nexponent = 0.3\n"),
                       "plugins/x.toml: key 'reference': required for family 'power'")
        XCTAssertEqual(message(adapter + "family = \"weight-allometric\"\nclearance_exponent = 9\n"),
                       "plugins/x.toml: key 'clearance_exponent': 9 is out of range [-3, 3]")
        XCTAssertEqual(message(adapter + "family = \"weight-allometric\"\ncolour = \"red\"\n"),
                       "plugins/x.toml: key 'colour': unknown key; known keys: covariate, reference, clearance_exponent, volume_exponent, median, log_sd, minimum, maximum")
        XCTAssertEqual(message(adapter + "family = \"spline\"\n"),
                       "plugins/x.toml: key 'family': 'spline' is not an adapter family (one of weight-allometric, power, categorical)")
        XCTAssertEqual(message(adapter + "family = \"categorical\"\ncovariate = \"SEX\"\nparameter = \"V\"\nlevels = [0, 1]\nprobabilities = [0.5, 0.5]\nfactors = [1]\n"),
                       "plugins/x.toml: key 'factors': expected 2–20 numbers, got 1")
    }

    func testAdapterFamiliesFromManifests() throws {
        var r = Registry.standard()
        try register("""
            kind = "covariate-adapter"
            id = "crcl-cl"
            version = "0.1"
            family = "power"
            covariate = "CRCL"
            parameter = "CL"
            exponent = 0.5
            reference = 100
            log_sd = 0.4
            """, into: &r)
        try register("""
            kind = "covariate-adapter"
            id = "sex-v"
            version = "0.1"
            family = "categorical"
            covariate = "SEX"
            parameter = "V"
            levels = [0, 1]
            probabilities = [0.5, 0.5]
            factors = [1, 0.8]
            """, into: &r)
        try register("""
            kind = "prior"
            id = "renal"
            version = "0.1"
            base = "one-compartment"
            adapters = ["crcl-cl", "sex-v"]
            covariate_probability = 1
            """, into: &r)
        var rng = SeededGenerator(seed: 12)
        let s = try r.prior("renal").sampleStudy(subjects: 20, rng: &rng)
        XCTAssertTrue(s.subjects.allSatisfy { $0.covariates["CRCL"] != nil && [0, 1].contains($0.covariates["SEX"]!) })
        let power = try r.adapter("crcl-cl")
        var p = PKParameters(ka: 1, ke: 0.1, v: 10)
        power.applyEffects(to: &p, covariates: ["CRCL": 25])
        XCTAssertEqual(p.cl, 1 * 0.5, accuracy: 1e-12)       // (25/100)^0.5
        let sex = try r.adapter("sex-v")
        var q = PKParameters(ka: 1, ke: 0.1, v: 10)
        sex.applyEffects(to: &q, covariates: ["SEX": 1])
        XCTAssertEqual(q.v, 8, accuracy: 1e-12); XCTAssertEqual(q.cl, 1, accuracy: 1e-12)
        XCTAssertEqual(sex.features(["SEX": 1]), [1]); XCTAssertEqual(sex.features(["SEX": 0]), [-1]); XCTAssertEqual(sex.features([:]), [0])
    }

    func testPriorMixManifest() throws {
        var r = Registry.standard()
        let e = try register("""
            kind = "prior"
            id = "my-mix"
            version = "1"
            family = "mix"
            components = ["one-compartment", "metabolite"]
            weights = [3, 1]
            """, into: &r)
        XCTAssertTrue(e.payload is PriorMix)
        XCTAssertTrue(message("kind = \"prior\"\nid = \"m\"\nversion = \"1\"\nfamily = \"mix\"\ncomponents = [\"x\"]\n")
            .hasPrefix("plugins/x.toml: key 'components': unknown prior 'x'"))
    }

    func testExportRoundTrip() throws {
        var r = Registry.standard()
        for id in ["default", "two-compartment+metabolite+multiple-dose"] {
            let text = try r.exportPriorManifest(id, as: "copy-\(id.replacingOccurrences(of: "+", with: "-"))").tomlText
            let e = try register(text, file: "export.toml", into: &r)
            var original = try r.priorConfig(id)
            let copy = try r.priorConfig(e.id)
            original.id = copy.id
            XCTAssertEqual(copy, original, id)
        }
        let text = try r.exportAdapterManifest("weight-allometric", as: "wt2").tomlText
        let a = try register(text, into: &r).payload as? WeightAllometricAdapter
        XCTAssertEqual(a, WeightAllometricAdapter(id: "wt2"))
    }
}
