import Evaluation
import Foundation
import NLME
import PKData
import XCTest
import AICMET
@testable import Workbench

final class EvaluateTests: XCTestCase {
    var tmp: TemporaryDirectory!
    override func setUpWithError() throws { tmp = try TemporaryDirectory() }
    override func tearDown() { tmp.cleanup() }

    func session() throws -> Session {
        let s = try Session(workspacePath: tmp.url.appendingPathComponent("ws.sqlite").path,
                            workingDirectory: TemporaryDirectory.repoRoot, initialisers: [])
        _ = try s.studyImport(file: "workspace/datasets/indomethacin.csv")
        return s
    }

    func testGivenListParsing() throws {
        XCTAssertEqual(try GivenList.parse("0-4"), [0, 1, 2, 3, 4])
        XCTAssertEqual(try GivenList.parse("3, 0-1,1"), [0, 1, 3])
        for bad in ["", "4-2", "-1", "a", "1-", "0-2-3"] { XCTAssertThrowsError(try GivenList.parse(bad), bad) }
    }

    func testCatalogResolvesBuiltInsAndIsExtensible() throws {
        let s = try session()
        var catalog = ForecasterCatalog.standard
        XCTAssertEqual(try catalog.resolve(list: "nlme, median,locf,nlme:2cpt-proportional+wt", session: s).map(\.name),
                       ["nlme", "median", "locf", "nlme:2cpt-proportional+wt"])
        XCTAssertThrowsError(try catalog.resolve("medain", session: s)) {
            XCTAssertEqual(($0 as? WorkbenchError)?.hint, "did you mean 'median'?")
        }
        XCTAssertThrowsError(try catalog.resolve(list: "median,median", session: s))
        catalog.resolvers.append { name, _ in name == "flat" ? PopulationMedianForecaster(name: "flat") : nil }
        XCTAssertEqual(try catalog.resolve("flat", session: s).name, "flat")
    }

    func testSavedModelsResolveWithAPlanOrFinetuning() throws {
        let s = try session()
        _ = try s.modelNew(name: "m", prior: "one-compartment", decoder: "gaussian", size: "tiny", seed: 1)
        let catalog = ForecasterCatalog.standard
        let plain = try XCTUnwrap(catalog.resolve("m", session: s) as? AICMETForecaster)
        XCTAssertEqual(plain.plan, .amortized)
        let planned = try XCTUnwrap(catalog.resolve("m@combined@0.5", session: s) as? AICMETForecaster)
        XCTAssertEqual(planned.plan, InferencePlan([.combined], bandwidth: 0.5))
        XCTAssertEqual(planned.name, "m@combined@0.5")
        let tuned = try XCTUnwrap(catalog.resolve("m+ft@population", session: s) as? FinetunedForecaster)
        XCTAssertEqual(tuned.plan, InferencePlan([.population]))
        XCTAssertEqual(tuned.config.folds, 1)
        let crossValidated = try XCTUnwrap(catalog.resolve("m+ft4", session: s) as? FinetunedForecaster)
        XCTAssertEqual(crossValidated.config.folds, 4)
        XCTAssertEqual(crossValidated.name, "m+ft4")
        for notFinetuned in ["m+ft1", "m+ftx", "m+ft-2"] { XCTAssertThrowsError(try catalog.resolve(notFinetuned, session: s), notFinetuned) }
        XCTAssertThrowsError(try catalog.resolve("m@bayes", session: s)) {
            XCTAssertEqual(($0 as? WorkbenchError)?.hint, "write MODEL@PLAN, e.g. m@amortized or m@combined@0.5")
        }
        XCTAssertThrowsError(try catalog.resolve("other+ft", session: s))
    }

    func testEvaluateStoresTheResultAndWritesTheReport() throws {
        let s = try session()
        s.seed = 5
        var progress: [Int] = []
        let out = try s.evaluate("indomethacin", forecasters: "nlme:2cpt-combined,median", given: "1,3", report: "\(tmp.url.path)/r/indo.md",
                                 progress: { done, total, _ in XCTAssertEqual(total, 2 * 2 * 6); progress.append(done) })
        XCTAssertEqual(progress.last, 24)
        let table = try XCTUnwrap(out.tables.first)
        XCTAssertEqual(table.rows.count, 4)
        XCTAssertEqual(table.column("forecaster")?.map(\.display), ["nlme:2cpt-combined", "median", "nlme:2cpt-combined", "median"])
        let records = try s.workspace.evaluations.list(study: "indomethacin")
        XCTAssertEqual(records.count, 1)
        let stored = try EvaluationResult.fromJSON(records[0].results)
        XCTAssertEqual(stored.given, [1, 3])
        XCTAssertEqual(stored.seed, 5)
        XCTAssertEqual(table.column("logRMSE")?.first, .number(stored.rows[0].meanLogRMSE, digits: 3))
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(tmp.url.path)/r/indo.md"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: "\(tmp.url.path)/r/indo-figures/vpc-nlme_2cpt-combined.svg"))
        XCTAssertThrowsError(try s.evaluate("nosuch")) { XCTAssertTrue(($0 as? WorkbenchError)?.message.contains("unknown study") ?? false) }
    }

    /// NLME generates subjects (classic VPC); the naive forecasters use the predictive-quantile form.
    func testVPCFormsAndPlots() throws {
        let s = try session()
        let nlme = try s.plotVPC("indomethacin", forecaster: "nlme:2cpt-combined", bins: 5)
        guard case .plot(let fig) = nlme.blocks[0] else { return XCTFail("no plot") }
        XCTAssertTrue(fig.title?.contains("200 simulated studies") ?? false, fig.title ?? "")
        XCTAssertEqual(fig.bands.count, 3)
        XCTAssertTrue(fig.bands.allSatisfy { zip($0.lower, $0.upper).allSatisfy { $0 <= $1 } })
        let median = try s.plotVPC("indomethacin", forecaster: "median", bins: 5)
        guard case .plot(let fig2) = median.blocks[0] else { return XCTFail("no plot") }
        XCTAssertTrue(fig2.title?.contains("k = 0 predictive quantiles") ?? false)
        XCTAssertThrowsError(try s.plotFit("indomethacin", subject: "9", forecaster: "median"))
        let fit = try s.plotFit("indomethacin", subject: "2", forecaster: "median", given: 3)
        guard case .plot(let f3) = fit.blocks[0] else { return XCTFail("no plot") }
        XCTAssertEqual(f3.series[1].points.count, 3)
    }
}
