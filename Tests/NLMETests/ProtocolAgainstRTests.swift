import TestData
import XCTest
import PKData
import Evaluation
@testable import NLME

/// The protocol against R's nlme numbers of evaluation.md (per-subject mean log-RMSE, k = 0…3).
final class ProtocolAgainstRTests: XCTestCase {
    static let rTheoph = [0.360, 0.254, 0.232, 0.218]
    static let rIndometh = [0.319, 0.284, 0.258, 0.274]

    /// R's configuration: one compartment with first-order absorption (SSfol's lKe, lKa, lCl), log-normal
    /// diagonal random effects, combined error, ML; doses in mg/kg as R's `Theoph$Dose`; forecasts are the
    /// EBE (MAP) individual predictions, as R's `predict`. Within 10 % of R at every k.
    func testTheophReplicatesRWithinTenPercent() throws {
        let study = try CSVTestLoader.load("theophylline.csv", amountColumn: "DOSE_MGKG")
        let nlme = NLMEForecaster(candidates: [.oneCompartmentCombined], samples: 500, point: .mapPrediction,
                                  weightNormalisation: false)
        let r = try Evaluation.run(study: study, forecasters: [nlme], given: [0, 1, 2, 3], seed: 42)
        print(r.markdownTable())
        XCTAssertEqual(nlme.cachedContexts, 12) // one population fit per left-out subject, reused over k
        for k in 0...3 {
            let row = try XCTUnwrap(r.row("nlme", given: k))
            XCTAssertEqual(row.failures, [])
            XCTAssertEqual(row.meanLogRMSE, Self.rTheoph[k], accuracy: 0.1 * Self.rTheoph[k], "k = \(k)")
            XCTAssertTrue(row.coverage > 0.75 && row.coverage < 0.97, "k = \(k): coverage \(row.coverage)")
        }
    }

    /// The default forecaster on the shipped file (doses in mg, weight normalisation, AIC choice between one
    /// and two compartments, predictive median) lands within 10 % of R as well.
    func testTheophDefaultForecasterWithinTenPercent() throws {
        let study = try CSVTestLoader.load("theophylline.csv")
        let nlme = NLMEForecaster(samples: 1000)
        let r = try Evaluation.run(study: study, forecasters: [nlme], given: [0, 1, 2, 3], seed: 42)
        print(r.markdownTable())
        XCTAssertEqual(try nlme.selection(context: study.subjects).chosen.model.name, "1cpt-combined+wt")
        for k in 0...3 {
            XCTAssertEqual(try XCTUnwrap(r.row("nlme", given: k)).meanLogRMSE, Self.rTheoph[k], accuracy: 0.1 * Self.rTheoph[k], "k = \(k)")
        }
    }

    /// Indometh (IV bolus, biexponential): no one-compartment model reaches R's numbers here (the 1-cpt fit's
    /// mean log-RMSE is > 1, its AIC ~100 worse); AIC picks two compartments, which is within 10 % of R at
    /// k = 0, 1 and within 20 % at k = 2, 3 (measured 0.312, 0.303, 0.293, 0.320).
    func testIndomethTwoCompartmentCloseToR() throws {
        let study = try CSVTestLoader.load("indomethacin.csv")
        let nlme = NLMEForecaster(samples: 1000)
        let r = try Evaluation.run(study: study, forecasters: [nlme], given: [0, 1, 2, 3], seed: 42)
        print(r.markdownTable())
        let sel = try nlme.selection(context: Array(study.subjects.dropFirst()))
        XCTAssertEqual(sel.chosen.model, .twoCompartmentCombined, sel.summary)
        XCTAssertLessThan(sel.fits[1].aic, sel.fits[0].aic - 50)
        for k in 0...3 {
            let row = try XCTUnwrap(r.row("nlme", given: k))
            XCTAssertEqual(row.failures, [])
            let tol = k < 2 ? 0.1 : 0.2
            XCTAssertEqual(row.meanLogRMSE, Self.rIndometh[k], accuracy: tol * Self.rIndometh[k], "k = \(k)")
        }
    }
}
