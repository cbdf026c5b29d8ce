import XCTest
import Foundation
import PKData
@testable import AICMET

/// The likelihood weight w of an inference plan: the given points' likelihood q/N(0, I) raised to w.
final class LikelihoodWeightTests: XCTestCase {
    /// In one dimension, N(0, 1) · (N(z; μ, σ²)/N(z; 0, 1))^w against numerical integration on a grid.
    func testTemperedPosteriorMatchesTheNumericalPowerLikelihood() {
        let mu = 0.8, sigma2 = 0.2, w = 0.4
        let q = PopulationPosterior.tempered(mean: [Float(mu)], logVar: [Float(log(sigma2))], likelihoodWeight: w)
        func normal(_ z: Double, _ mean: Double, _ variance: Double) -> Double { exp(-(z - mean) * (z - mean) / (2 * variance)) / (2 * .pi * variance).squareRoot() }
        var mass = 0.0, first = 0.0, second = 0.0
        for z in stride(from: -10.0, through: 10.0, by: 0.0005) {
            let f = normal(z, 0, 1) * pow(normal(z, mu, sigma2) / normal(z, 0, 1), w)
            mass += f; first += f * z; second += f * z * z
        }
        let mean = first / mass
        XCTAssertEqual(Double(q.mean[0]), mean, accuracy: 1e-5)
        XCTAssertEqual(exp(Double(q.logVar[0])), second / mass - mean * mean, accuracy: 1e-5)
    }

    func testWeightOneAndUninformativeDimensionsAreUnchanged() {
        let mean: [Float] = [0.3, -2, 1], logVar: [Float] = [-1.5, 0.2, -0.1]
        let same = PopulationPosterior.tempered(mean: mean, logVar: logVar, likelihoodWeight: 1)
        XCTAssertEqual(same.mean, mean); XCTAssertEqual(same.logVar, logVar)
        let half = PopulationPosterior.tempered(mean: mean, logVar: logVar, likelihoodWeight: 0.5)
        XCTAssertEqual(half.mean[1], -2); XCTAssertEqual(half.logVar[1], 0.2, "σ² ≥ 1 says nothing: left as it is")
        XCTAssertLessThan(abs(half.mean[0]), abs(mean[0])); XCTAssertGreaterThan(half.logVar[0], logVar[0])
    }

    /// Combined with weight w is combined with the tempered q at weight 1: (q/N)^w is the likelihood of the tempered q.
    func testCombinedWithAWeightIsCombinedWithTheTemperedPosterior() {
        let means: [Float] = [0.5, -1, 2, 0.25, -0.3, 0.9], logVars: [Float] = [-1, 0.5, -2, -0.5, -0.7, -1.2]
        let mean: [Float] = [1.1, -0.4], logVar: [Float] = [-1.8, -0.6]
        let direct = PopulationPosterior(populationMeans: means, populationLogVars: logVars, mean: mean, logVar: logVar,
                                         bandwidth: 0.5, likelihoodWeight: 0.3)
        let q = PopulationPosterior.tempered(mean: mean, logVar: logVar, likelihoodWeight: 0.3)
        let viaTempered = PopulationPosterior(populationMeans: means, populationLogVars: logVars, mean: q.mean, logVar: q.logVar, bandwidth: 0.5)
        for (a, b) in zip(direct.means + direct.logVars + direct.weights, viaTempered.means + viaTempered.logVars + viaTempered.weights) {
            XCTAssertEqual(a, b, accuracy: 1e-5)
        }
        let untempered = PopulationPosterior(populationMeans: means, populationLogVars: logVars, mean: mean, logVar: logVar, bandwidth: 0.5)
        XCTAssertGreaterThan(zip(direct.weights, untempered.weights).map { abs($0 - $1) }.max()!, 1e-3)
    }

    func testPlansParseAndPrintTheWeight() throws {
        let plan = try InferencePlan.parse("combined,amortized@0.5^0.7+calibrated")
        XCTAssertEqual(plan, InferencePlan([.combined, .amortized], bandwidth: 0.5, likelihoodWeight: 0.7, calibrated: true))
        XCTAssertEqual(plan.description, "combined,amortized@0.5^0.7+calibrated")
        XCTAssertEqual(plan.uncalibrated.description, "combined,amortized@0.5^0.7")
        XCTAssertEqual(try InferencePlan.parse("amortized^0.25"), InferencePlan([.amortized], likelihoodWeight: 0.25))
        XCTAssertEqual(try InferencePlan.parse("combined@0.5").description, "combined@0.5", "weight 1 is not printed")
        let old = try JSONDecoder().decode(InferencePlan.self, from: Data(#"{"byGiven":["combined"],"bandwidth":0.5,"calibrated":true}"#.utf8))
        XCTAssertEqual(old.likelihoodWeight, 1)
        for bad in ["combined^0", "combined^-1", "combined^5", "combined^x", "combined@0.5^"] {
            XCTAssertThrowsError(try InferencePlan.parse(bad)) { XCTAssertTrue("\($0)".contains("likelihood weight"), "\(bad): \($0)") }
        }
    }

    /// A smaller weight moves a forecast from the subject's given points toward the population; weight 1 is the
    /// plan without a weight, to the last digit.
    func testASmallerWeightMovesTheForecastTowardThePopulation() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 4)
        let study = fixtureStudy(subjects: 6)
        var target = study.subjects[0]
        target.observations = Array(target.observations.prefix(3))
        let request = ForecastRequest(context: Array(study.subjects.dropFirst()), target: target, queryTimes: [4, 9, 15], seed: 3)
        func medians(_ plan: String) throws -> [Double] {
            try AICMETForecaster(name: "m", model: model, samples: 32, plan: InferencePlan.parse(plan)).forecast(request).points.map(\.median)
        }
        for mode in ["combined@0.5", "amortized", "population"] {
            XCTAssertEqual(try medians(mode + "^1"), try medians(mode))
            XCTAssertNotEqual(try medians(mode + "^0.3"), try medians(mode), mode)
        }
        var empty = target
        empty.observations = []
        let none = ForecastRequest(context: request.context, target: empty, queryTimes: request.queryTimes, seed: 3)
        for mode in ["combined@0.5", "amortized"] {
            let a = try AICMETForecaster(name: "m", model: model, samples: 32, plan: InferencePlan.parse(mode)).forecast(none).points.map(\.median)
            let b = try AICMETForecaster(name: "m", model: model, samples: 32, plan: InferencePlan.parse(mode + "^0.3")).forecast(none).points.map(\.median)
            XCTAssertEqual(a, b, "\(mode): nothing given, nothing to temper")
        }
    }
}
