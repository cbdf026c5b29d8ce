import TestData
import XCTest
import PKData
@testable import NLME

final class TheophFitTests: XCTestCase {
    /// R: nlme(conc ~ SSfol(Dose, Time, lKe, lKa, lCl), Theoph, random = pdDiag(lKe + lKa + lCl ~ 1)) —
    /// Dose in mg/kg, additive error, ML. Fixed effects lKe = −2.455, lKa = 0.466, lCl = −3.227, σ = 0.709.
    func testSSfolMatchesRWithinFivePercent() throws {
        let study = try CSVTestLoader.load("theophylline.csv", amountColumn: "DOSE_MGKG")
        let fit = try PopulationFitter().fit(study.subjects, model: .ssfol)
        print(fit.parameters, fit.objective, fit.seconds, fit.iterations, fit.warnings)
        XCTAssertEqual(fit.parameters.names, ["lKe", "lKa", "lCl"])
        let r = [-2.455, 0.466, -3.227]
        for k in 0..<3 { XCTAssertEqual(fit.parameters.theta[k], r[k], accuracy: 0.05 * abs(r[k]), fit.parameters.names[k]) }
        XCTAssertEqual(fit.parameters.sigma[0], 0.709, accuracy: 0.05 * 0.709)
        XCTAssertEqual(fit.observations, 132)
        XCTAssertTrue(fit.converged, "\(fit.warnings)")
        // As in R (its lKe random-effect SD is ~0), ω(lKe) collapses; the fit says so, naming the parameter.
        XCTAssertTrue(fit.warnings.contains { $0.contains("ω(lKe)") && $0.contains("not identified") }, "\(fit.warnings)")
    }

    /// An optimiser stopped early is reported, naming the parameter with the largest gradient.
    func testNonConvergenceNamesTheParameter() throws {
        let study = try CSVTestLoader.load("theophylline.csv", amountColumn: "DOSE_MGKG")
        let fit = try PopulationFitter(starts: 1, maxIterations: 2).fit(study.subjects, model: .ssfol)
        XCTAssertFalse(fit.converged)
        let names = ["lKe", "lKa", "lCl", "ω(lKe)", "ω(lKa)", "ω(lCl)", "σ_a"]
        XCTAssertTrue(fit.warnings.contains { w in w.contains("did not converge") && names.contains { w.hasSuffix("on " + $0) } }, "\(fit.warnings)")
    }
}
