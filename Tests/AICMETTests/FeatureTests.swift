import XCTest
import PKData
import PKSim
@testable import AICMET

final class FeatureTests: XCTestCase {
    func testScalingComesFromContextAndInvertsExactly() throws {
        let study = fixtureStudy()
        let scaling = try StudyScaling.from(context: Array(study.subjects.dropFirst()))
        let cmax = study.subjects.dropFirst().flatMap(\.observations).map(\.value).max()!
        XCTAssertEqual(scaling.concentration, cmax)
        XCTAssertEqual(scaling.time, 24)
        for c in [1e-4, 0.37, 5.0, 123.0] {
            XCTAssertEqual(scaling.concentration(fromLog: scaling.logConcentration(c)), c, accuracy: c * 1e-12)
        }
    }

    func testScalingWithoutAnyObservationIsAnError() {
        XCTAssertThrowsError(try StudyScaling.from(context: [Subject(id: "1")])) { error in
            XCTAssertTrue("\(error)".contains("no positive observation"))
        }
    }

    func testBolusAndInfusionBasesMatchClosedForms() {
        let scaling = StudyScaling(concentration: 1, time: 10, dose: 2)
        var out: [Float] = []
        // Bolus of 4 (= 2 reference doses) at t = 1, evaluated at t = 6: Δ = 0.5 normalised.
        DoseHistoryFeatures.append(at: 6, doses: [Dose(time: 1, amount: 4, route: .iv)], scaling: scaling, to: &out)
        let n = DoseHistoryFeatures.rates.count
        for (j, lambda) in DoseHistoryFeatures.rates.enumerated() {
            XCTAssertEqual(Double(out[n + j]), 2 * exp(-lambda * 0.5), accuracy: 1e-6)
            XCTAssertEqual(out[j], 0)   // no oral dose
        }
        XCTAssertEqual(out[2 * n], 0.5, accuracy: 1e-6)   // time since last dose
        XCTAssertEqual(out[2 * n + 1], 1)
        // An infusion of duration τ → 0 tends to the bolus; during an infusion the basis is (1 − e^{−λΔ}) / (λτ).
        var short: [Float] = [], during: [Float] = []
        DoseHistoryFeatures.append(at: 6, doses: [Dose(time: 1, amount: 4, route: .iv, duration: 1e-6)], scaling: scaling, to: &short)
        DoseHistoryFeatures.append(at: 3, doses: [Dose(time: 1, amount: 4, route: .iv, duration: 4)], scaling: scaling, to: &during)
        for (j, lambda) in DoseHistoryFeatures.rates.enumerated() {
            XCTAssertEqual(short[n + j], out[n + j], accuracy: 1e-4)
            XCTAssertEqual(Double(during[n + j]), 2 * (1 - exp(-lambda * 0.2)) / (lambda * 0.4), accuracy: 1e-5)
        }
        // Nothing before the dose.
        var before: [Float] = []
        DoseHistoryFeatures.append(at: 0.5, doses: [Dose(time: 1, amount: 4, route: .iv)], scaling: scaling, to: &before)
        XCTAssertEqual(before, [Float](repeating: 0, count: DoseHistoryFeatures.count))
    }

    func testGivenSplitFollowsTheProtocol() {
        let obs = [0.0, 0.5, 1, 2, 4].map { Observation(time: $0, value: 1) }
        let split = GivenSplit(obs, firstDose: 0, given: 2)
        XCTAssertEqual(split.given.map(\.time), [0, 0.5, 1])   // the pre-dose sample is data, not one of the k
        XCTAssertEqual(split.hidden.map(\.time), [2, 4])
        XCTAssertEqual(GivenSplit(obs, firstDose: 0, given: 0).given.map(\.time), [0])
    }

    func testRelativeQueryTimeIsTheTimeSinceTheLastObservationTheLatentSaw() throws {
        let scaling = StudyScaling(concentration: 2, time: 10, dose: 1)
        let doses = [Dose(time: 0, amount: 1, route: .oral)]
        let plain = FeatureLayout(outputs: 1, adapters: []), relative = FeatureLayout(outputs: 1, adapters: [], relativeQueryTime: true)
        XCTAssertEqual(relative.queryWidth, plain.queryWidth + 2)
        let base = plain.queries(at: [6], output: 0, doses: doses, scaling: scaling, lastGiven: 1)
        XCTAssertEqual(relative.queries(at: [6], output: 0, doses: doses, scaling: scaling, lastGiven: 1), base + [0.5, 1])
        XCTAssertEqual(relative.queries(at: [6], output: 0, doses: doses, scaling: scaling, lastGiven: nil), base + [0, 0])

        // Training: the reconstruction queries follow the full target, the forecast queries its given prefix.
        let study = fixtureStudy(subjects: 4)
        let target = study.subjects[1]
        let example = [TrainingExample(study: study, targets: [(subject: 1, given: 2)])]
        let batch = try TrainingBatch(examples: example, layout: relative)
        let times = relative.usableObservations(target).map(\.time)
        let prefixEnd = GivenSplit(relative.usableObservations(target), firstDose: target.firstDoseTime, given: 2).given.last!.time
        let columns = relative.queryWidth, t = try StudyScaling.from(context: [study.subjects[0]] + study.subjects[2...], fallback: study.subjects).time
        for (j, time) in times.enumerated() {
            XCTAssertEqual(batch.queries.scalars[j * columns + columns - 2], Float((time - times.last!) / t), accuracy: 1e-6)
            XCTAssertEqual(batch.forecastQueries.scalars[j * columns + columns - 2], Float((time - prefixEnd) / t), accuracy: 1e-6)
        }
        let plainBatch = try TrainingBatch(examples: example, layout: plain)
        XCTAssertEqual(plainBatch.forecastQueries.scalars, plainBatch.queries.scalars)
    }

    func testTrainingBatchShapesAndMasks() throws {
        let layout = FeatureLayout(outputs: 1, adapters: [])
        let study = fixtureStudy(subjects: 5)
        let batch = try TrainingBatch(examples: [TrainingExample(study: study, targets: [(subject: 2, given: 3), (subject: 0, given: 0)])],
                                      layout: layout)
        XCTAssertEqual(batch.tokens.shape, [7, 9, layout.tokenWidth])   // 5 subjects + 2 prefixes, 9 samples each
        XCTAssertEqual(batch.lengths, [9, 9, 9, 9, 9, 3, 0])
        XCTAssertEqual(batch.fullIndex, [2, 0])
        XCTAssertEqual(batch.prefixEmpty, [false, true])
        XCTAssertEqual(batch.contextMask.scalars, [1, 1, 0, 1, 1, 0, 1, 1, 1, 1])
        XCTAssertEqual(batch.futureMask.scalars.reduce(0, +), 6 + 9)
        XCTAssertEqual(batch.allMask.scalars.reduce(0, +), 18)
    }

    func testCovariateFeaturesFindTheAdaptersCovariateInAnyLetterCase() {
        let layout = FeatureLayout(outputs: 1, adapters: [WeightAllometricAdapter()])
        let upper = layout.covariateFeatures(Subject(id: "1", covariates: ["WT": 80]))
        XCTAssertEqual(upper, [Float(log(80.0 / 70) / 0.2), 1])
        XCTAssertEqual(layout.covariateFeatures(Subject(id: "1", covariates: ["Wt": 80])), upper)
        XCTAssertEqual(layout.covariateFeatures(Subject(id: "1", covariates: ["wt": 80, "AGE": 40])), upper)
        XCTAssertEqual(layout.covariateFeatures(Subject(id: "1", covariates: ["WEIGHT": 80])), [0, 0])   // absent: no aliases
    }
}
