import XCTest
import Foundation
import PKData
@testable import AICMET

/// The spread measured on synthetic studies (`VariantSpec.syntheticSpread`): how it is pooled, where
/// in-study calibration shrinks, and which forecasts it scales.
final class SyntheticSpreadTests: XCTestCase {
    private let stub: ([Subject], Subject, [Double], UInt64) throws -> (scaling: StudyScaling, distributions: [GaussianMixture]) = { _, _, times, _ in
        (StudyScaling(concentration: 1, time: 1, dose: 1), times.map { _ in GaussianMixture(weights: [1], means: [0], sds: [1]) })
    }

    private func context(subjects: Int) -> [Subject] {
        (0..<subjects).map { i in
            Subject(id: "\(i)", doses: [Dose(time: 0, amount: 1, route: .oral)],
                    observations: (1...5).map { Observation(time: Double($0), value: exp(0.3 * Double(i % 3) - 0.2 * Double($0))) })
        }
    }

    /// With m pseudo-targets the log scale is m/(m+5) of the raw conformal quantile's and 5/(m+5) of the target's.
    func testCalibrationShrinksTowardItsTarget() throws {
        let subjects = context(subjects: 6), layout = FeatureLayout(outputs: 1, adapters: [])
        let toOne = try XCTUnwrap(InStudyCalibration.measure(context: subjects, given: 1, output: 0, layout: layout, seed: 1, forecast: stub))
        let toward = try XCTUnwrap(InStudyCalibration.measure(context: subjects, given: 1, output: 0, layout: layout, seed: 1,
                                                              toward: 0.7, forecast: stub))
        let w = 6.0 / 11.0
        let raw = exp(log(toOne.scale) / w)
        XCTAssertEqual(toward.scale, exp(w * log(raw) + (1 - w) * log(0.7)), accuracy: 1e-9)
        XCTAssertNotEqual(toward.scale, toOne.scale, accuracy: 1e-3)
        XCTAssertEqual(try XCTUnwrap(InStudyCalibration.measure(context: subjects, given: 1, output: 0, layout: layout, seed: 1,
                                                                toward: 1, forecast: stub)).scale, toOne.scale)
    }

    /// Pooled over studies, each subject held out in turn: the factor for k covers ≥ 90 % of the pooled
    /// errors of exactly those forecasts, and 2 % less would not.
    func testSpreadPooledOverStudiesIsTheirConformalQuantile() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 5)
        let forecaster = AICMETForecaster(name: "m", model: model, plan: InferencePlan([.combined], bandwidth: 0.5))
        let studies = [fixtureStudy(seed: 3, subjects: 4), fixtureStudy(seed: 4, subjects: 3)]
        let measured = try XCTUnwrap(SyntheticSpread.measure(forecaster, studies: studies, seed: 8, splitSparse: true))
        XCTAssertNil(measured.sparse, "9 observations per subject: no sparse study")
        let spread = measured.dense
        XCTAssertEqual(spread.subjects, 7)
        XCTAssertEqual(spread.points, [63, 56, 49, 42, 35], "9 observations per subject, the first k given")
        // The forecasts in the measurement's order (subject, then k), so the encoder cache batches the same
        // sequences together and every forecast has the same bits.
        var errorsByK = [[Double]](repeating: [], count: spread.scales.count)
        for (s, study) in studies.enumerated() {
            let cache = EncoderCache()
            for (j, subject) in study.subjects.enumerated() {
                var context = study.subjects
                context.remove(at: j)
                let seed = 8 &+ 104_729 &* UInt64(s + 1) &+ UInt64(j)
                for k in 0...HeldOutSpread.maximumGiven {
                    let errors = try InStudyCalibration.normalisedErrors(subject, given: k, output: 0, layout: model.layout) { target, times in
                        try forecaster.predictive(context: context, target: target, times: times, output: 0, samples: HeldOutSpread.samples,
                                                  seed: seed &+ 7919 &+ UInt64(k), cache: cache)
                    }
                    if k < errorsByK.count { errorsByK[k] += errors }
                }
            }
        }
        for (k, scale) in spread.scales.enumerated() {
            let errors = errorsByK[k]
            let inside = { (factor: Double) in Double(errors.filter { $0 <= factor }.count) / Double(errors.count) }
            XCTAssertGreaterThanOrEqual(inside(scale + 1e-9), 0.9, "k = \(k)")
            XCTAssertLessThan(inside(scale * 0.98), 0.9 + 1.0 / Double(errors.count) + 1e-9, "k = \(k)")
        }
    }

    /// Studies whose subjects have at most 4 observations (median over the context) are measured apart.
    func testSparseStudiesAreMeasuredApart() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 5)
        let forecaster = AICMETForecaster(name: "m", model: model, plan: InferencePlan([.combined], bandwidth: 0.5))
        var sparse = fixtureStudy(seed: 5, subjects: 8)
        for i in sparse.subjects.indices { sparse.subjects[i].observations = Array(sparse.subjects[i].observations.prefix(4)) }
        let dense = fixtureStudy(seed: 3, subjects: 4)
        XCTAssertTrue(SyntheticSpread.isSparse(sparse.subjects, layout: model.layout))
        XCTAssertFalse(SyntheticSpread.isSparse(dense.subjects, layout: model.layout))
        let pooled = try XCTUnwrap(SyntheticSpread.measure(forecaster, studies: [dense, sparse], seed: 8, splitSparse: false))
        XCTAssertEqual(pooled.dense.subjects, 12)
        XCTAssertNil(pooled.sparse)
        let measured = try XCTUnwrap(SyntheticSpread.measure(forecaster, studies: [dense, sparse], seed: 8, splitSparse: true))
        XCTAssertEqual(measured.dense.subjects, 4)
        let apart = try XCTUnwrap(measured.sparse)
        XCTAssertEqual(apart.subjects, 8)
        XCTAssertEqual(apart.points, [32, 24, 16], "4 observations per subject, the first k given; k = 3 leaves 8 points: too few")
        XCTAssertEqual(measured.spread(for: sparse.subjects, layout: model.layout), apart)
        XCTAssertEqual(measured.spread(for: dense.subjects, layout: model.layout), measured.dense)
        XCTAssertEqual(SyntheticSpread(dense: measured.dense, sparse: nil).spread(for: sparse.subjects, layout: model.layout), measured.dense)
    }

    /// An uncalibrated forecast of the measured plan is scaled by the factor for its k; another plan is not.
    /// A calibrated forecast with too few pseudo-targets falls back on the factor and says so.
    func testForecastsOfTheMeasuredPlanUseItsFactor() throws {
        var spec = fixtureSpec()
        let plan = InferencePlan([.combined], bandwidth: 0.5)
        let plain = try AICMETModel(spec: spec, adapters: [], seed: 4)
        spec.syntheticSpread = [plan.description: SyntheticSpread(dense: HeldOutSpread(scales: [0.8, 0.6], subjects: 20, points: [90, 80]),
                                                                  sparse: HeldOutSpread(scales: [1.2], subjects: 20, points: [40]))]
        XCTAssertEqual(try VariantSpec.fromJSON(spec.json()).syntheticSpread, spec.syntheticSpread)
        let measured = try AICMETModel(spec: spec, adapters: [], seed: 4)
        XCTAssertEqual(spec.syntheticSpread(for: InferencePlan([.combined], bandwidth: 0.5, calibrated: true))?.dense.scales, [0.8, 0.6])
        XCTAssertNil(spec.syntheticSpread(for: .amortized))

        let study = fixtureStudy(subjects: 3)
        var target = study.subjects[0]
        target.observations = Array(target.observations.prefix(2))
        let request = ForecastRequest(context: Array(study.subjects.dropFirst()), target: target, queryTimes: [6, 12], seed: 2)
        func ratios(_ a: Forecast, _ b: Forecast) -> [Double] {
            zip(a.points, b.points).flatMap { p, q -> [Double] in
                XCTAssertEqual(q.median, p.median, accuracy: 1e-6 * p.median)
                return [log(q.q95 / q.median) / log(p.q95 / p.median), log(q.median / q.q05) / log(p.median / p.q05)]
            }
        }
        for (forecastPlan, factor) in [(plan, 0.6), (InferencePlan([.combined], bandwidth: 0.5, calibrated: true), 0.6), (InferencePlan([.combined], bandwidth: 1), 1)] {
            let a = try AICMETForecaster(name: "a", model: plain, samples: 16, plan: forecastPlan).forecast(request)
            let b = try AICMETForecaster(name: "b", model: measured, samples: 16, plan: forecastPlan).forecast(request)
            for r in ratios(a, b) { XCTAssertEqual(r, factor, accuracy: 1e-4, "\(forecastPlan)") }
            if factor == 1 { XCTAssertEqual(b.notes, a.notes); XCTAssertEqual(b.warnings, a.warnings) }
        }
        let uncalibrated = try AICMETForecaster(name: "b", model: measured, samples: 16, plan: plan).forecast(request)
        XCTAssertEqual(uncalibrated.notes, ["intervals scaled × 0.60, as measured on synthetic studies of the prior"])
        let fallback = try AICMETForecaster(name: "b", model: measured, samples: 16, plan: InferencePlan([.combined], bandwidth: 0.5, calibrated: true)).forecast(request)
        XCTAssertTrue(fallback.warnings.contains { $0.hasSuffix("the intervals are scaled × 0.60, as measured on synthetic studies") }, "\(fallback.warnings)")

        // A sparse context (at most 4 observations per subject) takes the sparse studies' factor.
        var sparseContext = request.context
        for i in sparseContext.indices { sparseContext[i].observations = Array(sparseContext[i].observations.prefix(3)) }
        let sparseRequest = ForecastRequest(context: sparseContext, target: target, queryTimes: [6, 12], seed: 2)
        let a = try AICMETForecaster(name: "a", model: plain, samples: 16, plan: plan).forecast(sparseRequest)
        let b = try AICMETForecaster(name: "b", model: measured, samples: 16, plan: plan).forecast(sparseRequest)
        for r in ratios(a, b) { XCTAssertEqual(r, 1.2, accuracy: 1e-4) }
    }

    func testCalibratedForecastsSayTheyShrinkTowardTheSyntheticFactor() throws {
        var spec = fixtureSpec()
        let plan = InferencePlan([.combined], bandwidth: 0.5, calibrated: true)
        spec.syntheticSpread = [plan.uncalibrated.description: SyntheticSpread(dense: HeldOutSpread(scales: [0.8], subjects: 20, points: [90]), sparse: nil)]
        let model = try AICMETModel(spec: spec, adapters: [], seed: 4)
        let study = fixtureStudy(subjects: 7)
        var target = study.subjects[0]
        target.observations = Array(target.observations.prefix(2))
        let request = ForecastRequest(context: Array(study.subjects.dropFirst()), target: target, queryTimes: [3, 8], seed: 9)
        let forecast = try AICMETForecaster(name: "m", model: model, samples: 16, plan: plan).forecast(request)
        XCTAssertEqual(forecast.notes.count, 1)
        guard forecast.notes.count == 1 else { return }
        XCTAssertTrue(forecast.notes[0].hasSuffix("(shrunk toward × 0.80, measured on synthetic studies)"), forecast.notes[0])
    }

    /// Finetuning changes the network: a spread measured for the pretrained one no longer applies.
    func testFinetunedModelsDropTheSyntheticSpread() throws {
        var spec = fixtureSpec()
        spec.syntheticSpread = ["combined@0.5": SyntheticSpread(dense: HeldOutSpread(scales: [0.8], subjects: 20, points: [90]), sparse: nil)]
        let model = try AICMETModel(spec: spec, adapters: [], seed: 2)
        let tuned = try Finetuner.run(model: model, study: fixtureStudy(subjects: 5), name: "ft",
                                      config: FinetuneConfig(maxSteps: 2, batchStudies: 2, evaluateEvery: 1)).model
        XCTAssertNil(tuned.spec.syntheticSpread)
    }
}
