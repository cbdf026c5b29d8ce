import XCTest
import Foundation
import Tensor
@testable import AICMET

final class InferenceTests: XCTestCase {
    func testPopulationPosteriorWithAnUninformativeTargetIsThePopulation() {
        let means: [Float] = [0.5, -1, 2, 0.25], logVars: [Float] = [-1, 0.5, -2, -0.5]   // 2 components × 2 dims
        let p = PopulationPosterior(populationMeans: means, populationLogVars: logVars, mean: [0, 0], logVar: [0, 0])
        for (a, b) in zip(p.means, means) { XCTAssertEqual(a, Double(b), accuracy: 1e-12) }
        for (a, b) in zip(p.logVars, logVars) { XCTAssertEqual(a, Double(b), accuracy: 1e-12) }
        XCTAssertEqual(p.weights, [0.5, 0.5])
    }

    /// In one dimension the mixture must be the normalised product N-mixture(z) · N(z; μ, σ²) / N(z; 0, 1):
    /// compare weights, means and variances with numerical integration on a fine grid.
    func testPopulationPosteriorMatchesTheNumericalProductInOneDimension() {
        let m: [Double] = [-1.2, 0.4, 1.5], v: [Double] = [0.3, 0.8, 0.2], mu = 0.6, sigma2 = 0.35
        let p = PopulationPosterior(populationMeans: m.map(Float.init), populationLogVars: v.map { Float(log($0)) },
                                    mean: [Float(mu)], logVar: [Float(log(sigma2))])
        func normal(_ z: Double, _ mean: Double, _ variance: Double) -> Double { exp(-(z - mean) * (z - mean) / (2 * variance)) / (2 * .pi * variance).squareRoot() }
        let grid = stride(from: -10.0, through: 10.0, by: 0.0005).map { $0 }
        var mass = [Double](repeating: 0, count: 3), first = mass, second = mass
        for z in grid {
            let ratio = normal(z, mu, sigma2) / normal(z, 0, 1)
            for j in 0..<3 {
                let f = normal(z, m[j], v[j]) * ratio * 0.0005
                mass[j] += f; first[j] += f * z; second[j] += f * z * z
            }
        }
        let total = mass.reduce(0, +)
        for j in 0..<3 {
            let mean = first[j] / mass[j], variance = second[j] / mass[j] - mean * mean
            XCTAssertEqual(p.weights[j], mass[j] / total, accuracy: 1e-6)
            XCTAssertEqual(p.means[j], mean, accuracy: 1e-6)
            XCTAssertEqual(exp(p.logVars[j]), variance, accuracy: 1e-6)
        }
    }

    func testADimensionWiderThanThePriorLeavesThePopulationAlone() {
        let p = PopulationPosterior(populationMeans: [1, -1], populationLogVars: [-1, -1], mean: [3], logVar: [0.5])
        XCTAssertEqual(p.means[0], 1, accuracy: 1e-12)
        XCTAssertEqual(p.means[1], -1, accuracy: 1e-12)
        XCTAssertEqual(p.weights[0], 0.5, accuracy: 1e-12)
    }

    func testBandwidthWidensComponentsByTheSpreadOfTheirMeans() {
        // Means 0 and 2: sample variance 2; bandwidth 0.5 adds 1 to each component's variance.
        let p = PopulationPosterior(populationMeans: [0, 2], populationLogVars: [0, 0], mean: [0], logVar: [0], bandwidth: 0.5)
        XCTAssertEqual(exp(p.logVars[0]), 2, accuracy: 1e-12)
        XCTAssertEqual(exp(p.logVars[1]), 2, accuracy: 1e-12)
    }

    func testSystematicAllocationGivesEachComponentFloorOrCeilingOfItsShare() {
        let p = PopulationPosterior(populationMeans: [0, 1, 2, 3], populationLogVars: [0, 0, 0, 0], mean: [0.9], logVar: [-1])
        for u in [0.0, 0.3, 0.999] {
            let rows = p.allocate(50, offset: u)
            XCTAssertEqual(rows.count, 50)
            XCTAssertEqual(rows, rows.sorted())
            for j in 0..<4 {
                let count = Double(rows.filter { $0 == j }.count), share = 50 * p.weights[j]
                XCTAssertTrue(count >= share.rounded(.down) && count <= share.rounded(.up), "component \(j): \(count) draws for share \(share)")
            }
        }
    }

    /// Context subjects without a usable observation have no posterior of their own: they are left out of
    /// the population (draws equal those from the context without them).
    func testContextSubjectsWithoutObservationsAreNotPartOfThePopulation() throws {
        let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 5)
        let h = model.spec.size.hidden
        var rng = TensorRNG(seed: 1)
        let rows = (0..<4).map { _ in Tensor.randn([1, h], std: 1, rng: &rng) }   // a, empty, c, target
        for mode in [LatentInference.population, .combined] {
            var r1 = TensorRNG(seed: 7), r2 = TensorRNG(seed: 7)
            let with = model.individualLatents(summaries: Tensor.concat(rows, axis: 0), contextLengths: [3, 0, 4], targetRow: 3,
                                               samples: 10, mode: mode, bandwidth: 0.5, rng: &r1)
            let without = model.individualLatents(summaries: Tensor.concat([rows[0], rows[2], rows[3]], axis: 0), contextLengths: [3, 4],
                                                  targetRow: 2, samples: 10, mode: mode, bandwidth: 0.5, rng: &r2)
            XCTAssertEqual(with.scalars, without.scalars, "\(mode)")
        }
    }

    func testInferencePlanParsesModesAndBandwidthAndExtendsItsLastEntry() throws {
        let plan = try InferencePlan.parse("population, combined@0.5")
        XCTAssertEqual(plan.byGiven, [.population, .combined])
        XCTAssertEqual(plan.bandwidth, 0.5)
        XCTAssertEqual(plan.mode(given: 0), .population)
        XCTAssertEqual(plan.mode(given: 7), .combined)
        XCTAssertEqual(try InferencePlan.parse(plan.description), plan)
        XCTAssertThrowsError(try InferencePlan.parse("bayes")) { error in
            XCTAssertTrue("\(error)".contains("unknown inference 'bayes'"), "\(error)")
        }
        XCTAssertThrowsError(try InferencePlan.parse("combined@-1")) { error in
            XCTAssertTrue("\(error)".contains("must be a number ≥ 0"), "\(error)")
        }
    }

    func testSpecsWithTheOlderPopulationSettingReadAsAPlan() throws {
        var json = fixtureSpec().json()
        json.removeLast()
        let spec = try VariantSpec.fromJSON(json + ",\"populationUpTo\":1}")
        XCTAssertEqual(spec.inferencePlan, InferencePlan([.population, .population, .amortized]))
        var planned = fixtureSpec()
        planned.inference = InferencePlan([.combined], bandwidth: 0.5)
        XCTAssertEqual(try VariantSpec.fromJSON(planned.json()).inferencePlan, planned.inference)
    }
}
