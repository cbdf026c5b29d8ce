import XCTest
import PKData
import PKSim
@testable import AICMET

final class CrossValidatedFinetuneTests: XCTestCase {
    /// With folds, every subject is held out once, the step is chosen on the pooled validation curve, the spread
    /// pools every subject's hidden points, and the result is a copy trained on every subject for exactly the
    /// chosen number of steps — the same weights as training one by hand; the base model is untouched.
    func testEverySubjectIsHeldOutOnceAndTheResultTrainsOnAllForTheChosenSteps() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 3)
        let before = model.namedParameters.map { $0.tensor.scalars }
        let study = fixtureStudy(seed: 11, subjects: 7)
        let config = FinetuneConfig(maxSteps: 6, batchStudies: 2, learningRate: 1e-2, evaluateEvery: 2, patience: 10, seed: 5, folds: 3)
        let (tuned, report) = try Finetuner.run(model: model, study: study, name: "cv", config: config)

        XCTAssertEqual(report.folds, 3)
        XCTAssertEqual(report.validationSubjects.sorted(), study.subjects.map(\.id).sorted())
        XCTAssertEqual(report.validation.map(\.step), [0, 2, 4, 6])
        XCTAssertGreaterThan(report.bestStep, 0, "a learning rate of 1e-2 improves the untrained copies")
        XCTAssertEqual(report.validation.map(\.nll).min(), report.validation.first { $0.step == report.bestStep }?.nll)
        XCTAssertEqual(report.state.step, report.bestStep)
        let spread = try XCTUnwrap(tuned.spec.heldOutSpread)
        XCTAssertEqual(spread.subjects, 7)
        XCTAssertEqual(spread.points, [63, 56, 49, 42, 35], "9 observations per subject, the first k given, all 7 held out once")
        XCTAssertEqual(model.namedParameters.map { $0.tensor.scalars }, before)

        var rng = SeededGenerator(seed: config.seed)
        let everyone = Study(name: study.name, subjects: study.subjects.shuffled(using: &rng), units: study.units)
        let (byHand, trainers) = try Finetuner.copy(of: model, spec: tuned.spec, config: config)
        try Finetuner.train(trainers, on: StudyDataSource(study: everyone), to: report.bestStep, shouldStop: { false }, onProgress: { _ in })
        XCTAssertEqual(tuned.namedParameters.map { $0.tensor.scalars }, byHand.namedParameters.map { $0.tensor.scalars })

        let (again, _) = try Finetuner.run(model: model, study: study, name: "cv", config: config)
        XCTAssertEqual(again.spec.heldOutSpread, spread, "the same seed gives the same folds, step and spread")
    }

    /// No more folds than subjects: 3 subjects and 5 folds hold out one subject per fold.
    func testFoldsAreCappedAtTheNumberOfSubjects() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 3)
        let (tuned, report) = try Finetuner.run(model: model, study: fixtureStudy(subjects: 3), name: "cv",
                                                config: FinetuneConfig(maxSteps: 2, batchStudies: 2, evaluateEvery: 1, folds: 5))
        XCTAssertEqual(report.folds, 3)
        XCTAssertEqual(tuned.spec.heldOutSpread?.subjects, 3)
        XCTAssertFalse(tuned.spec.inferencePlan.calibrated)
    }
}
