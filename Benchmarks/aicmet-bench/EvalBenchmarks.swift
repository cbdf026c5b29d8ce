import Evaluation
import Foundation
import NLME
import PKData

/// NLME / evaluation benchmarks (run from the repository root: reads workspace/datasets/theophylline.csv).
/// Prints: the median wall time of one FOCE-I population fit of Theoph (1-cpt, combined error, weight
/// normalised; 3 NCA starts), and the wall time of the full protocol (k = 0…4, leave-one-subject-out) for the
/// default NLME forecaster (AIC choice between 1- and 2-compartment models) and for the naive baselines.
func runEvaluationBenchmarks() {
    let study: Study
    do { study = try theophyllineStudy() } catch {
        print("evaluation benchmarks skipped: \(error)")
        return
    }
    do {
        var fits: [Double] = []
        var ofv = 0.0
        for _ in 0..<5 {
            fits.append(try seconds { ofv = try PopulationFitter().fit(study.subjects, model: NLMEModel(.oneCompartment, .combined, weightNormalised: true)).objective })
        }
        fits.sort()
        print(String(format: "nlme fit       theophylline 1cpt-combined+wt (12 subjects, 3 starts): median %.3f s of 5 (−2LL %.2f)", fits[2], ofv))

        let nlme = NLMEForecaster()
        var result: EvaluationResult?
        let tNLME = try seconds { result = try Evaluation.run(study: study, forecasters: [nlme], given: Array(0...4), seed: 0) }
        let rows = result!.rows.map { String(format: "k=%d %.3f", $0.given, $0.meanLogRMSE) }.joined(separator: ", ")
        print(String(format: "nlme protocol  theophylline k=0…4, %d contexts fitted (1cpt+2cpt each), %d forecasts: %.2f s  [log-RMSE %@]",
                     nlme.cachedContexts, result!.rows.reduce(0) { $0 + $1.targets }, tNLME, rows))
        let tNaive = try seconds { _ = try Evaluation.run(study: study, forecasters: [PopulationMedianForecaster(), LastObservationForecaster()],
                                                          given: Array(0...4), seed: 0) }
        print(String(format: "naive protocol theophylline k=0…4, median + locf: %.3f s", tNaive))
    } catch {
        print("evaluation benchmarks failed: \(error)")
    }
}

/// The shipped Theoph study (workspace/datasets/theophylline.csv, read from the repository root).
func theophyllineStudy() throws -> Study {
    try NONMEMReader.read(url: URL(fileURLWithPath: "workspace/datasets/theophylline.csv"),
                          options: NONMEMImportOptions(studyName: "theophylline")).study
}

/// Wall time (s) of the full Theoph protocol (k = 0…4, seed 0) for one forecaster — use it for the
/// NLME-vs-AICMET ratio: `evaluationProtocolSeconds(aicmet) / evaluationProtocolSeconds(NLMEForecaster())`.
func evaluationProtocolSeconds(_ forecaster: any Forecaster) throws -> Double {
    let study = try theophyllineStudy()
    return try seconds { _ = try Evaluation.run(study: study, forecasters: [forecaster], given: Array(0...4), seed: 0) }
}

private func seconds(_ body: () throws -> Void) rethrows -> Double {
    let t = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9
}
