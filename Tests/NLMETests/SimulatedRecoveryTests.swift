import XCTest
import PKData
@testable import NLME

/// Simulate a study from known population parameters, fit it, and recover them.
final class SimulatedRecoveryTests: XCTestCase {
    /// One compartment, oral: θ = (lKe, lKa, lCl), ω on each, combined error (a, b). 40 subjects × 10 samples.
    static func simulate(theta: [Double], omega: [Double], a: Double, b: Double, subjects n: Int, seed: UInt64) -> [Subject] {
        var rng = SeededGenerator(seed: seed)
        let times = [0.25, 0.5, 1, 2, 3.5, 5, 7, 9, 12, 24]
        return (0..<n).map { i in
            let phi = (0..<3).map { theta[$0] + omega[$0] * rng.normal() }
            let dose = Dose(time: 0, amount: 320, route: .oral)
            var f = [Double](repeating: 0, count: times.count)
            CompartmentSolution.predict(.oneCompartment, phi: phi, oral: true, doses: [dose], times: times, into: &f)
            let obs = zip(times, f).map { t, c in
                Observation(time: t, value: c + (a * a + b * b * c * c).squareRoot() * rng.normal())
            }
            return Subject(id: "\(i + 1)", doses: [dose], observations: obs)
        }
    }

    func testRecoversOneCompartmentCombinedError() throws {
        let theta = [-2.5, 0.4, 1.0], omega = [0.2, 0.4, 0.25], a = 0.2, b = 0.1
        let study = Self.simulate(theta: theta, omega: omega, a: a, b: b, subjects: 40, seed: 11)
        let fit = try PopulationFitter().fit(study, model: .oneCompartmentCombined)
        print(fit.parameters, fit.seconds, fit.warnings)
        XCTAssertTrue(fit.converged, "\(fit.warnings)")
        // Tolerances: fixed effects within 3 standard errors of a mean of 40 log-normal individual values
        // (3 ω_k / √40, plus 0.02 for the residual noise), ω within ±35 %, residual SDs within ±30 %.
        for k in 0..<3 {
            XCTAssertEqual(fit.parameters.theta[k], theta[k], accuracy: 3 * omega[k] / 40.0.squareRoot() + 0.02, fit.parameters.names[k])
            XCTAssertEqual(fit.parameters.omega[k], omega[k], accuracy: 0.35 * omega[k], "ω \(fit.parameters.names[k])")
        }
        XCTAssertEqual(fit.parameters.sigma[0], a, accuracy: 0.3 * a)
        XCTAssertEqual(fit.parameters.sigma[1], b, accuracy: 0.3 * b)
        // AIC prefers the true structure over two compartments only if the extra parameters do not pay off;
        // here the combined model must beat the additive-only one (b ≠ 0 matters at high concentrations).
        let additive = try PopulationFitter(starts: 1).fit(study, model: NLMEModel(.oneCompartment, .additive))
        XCTAssertLessThan(fit.aic, additive.aic)
    }

    func testMAPForecastNarrowsWithObservationsAndIsReproducible() throws {
        let theta = [-2.5, 0.4, 1.0], omega = [0.2, 0.4, 0.25]
        let study = Self.simulate(theta: theta, omega: omega, a: 0.2, b: 0.1, subjects: 30, seed: 5)
        let fit = try PopulationFitter(starts: 1).fit(Array(study.dropFirst()), model: .oneCompartmentCombined)
        let target = study[0]
        let late = [12.0, 24.0]
        var given = target
        given.observations = []
        let prior = try fit.forecast(target: given, times: late, samples: 2000, seed: 3)
        given.observations = Array(target.observations.prefix(6))
        let post = try fit.forecast(target: given, times: late, samples: 2000, seed: 3)
        let again = try fit.forecast(target: given, times: late, samples: 2000, seed: 3)
        XCTAssertEqual(post.points, again.points)
        for j in 0..<2 {
            XCTAssertLessThan(post.points[j].q95 - post.points[j].q05, prior.points[j].q95 - prior.points[j].q05)
            XCTAssertTrue(post.points[j].q05 <= post.points[j].median && post.points[j].median <= post.points[j].q95)
        }
        // No observation: the posterior is the population (η̂ = 0, covariance Ω).
        given.observations = []
        let p0 = try fit.posterior(for: given)
        XCTAssertEqual(p0.eta, [0, 0, 0])
        XCTAssertEqual(p0.covariance[4], fit.parameters.omega[1] * fit.parameters.omega[1], accuracy: 1e-12)
    }

    func testErrorsNameTheSubject() throws {
        var study = Self.simulate(theta: [-2.5, 0.4, 1.0], omega: [0.2, 0.4, 0.25], a: 0.2, b: 0.1, subjects: 5, seed: 1)
        XCTAssertThrowsError(try PopulationFitter(starts: 1).fit(study, model: NLMEModel(.oneCompartment, .combined, weightNormalised: true))) {
            XCTAssertTrue("\($0)".contains("subject 1") && "\($0)".contains("WT"), "\($0)")
        }
        study[2].doses[0].steadyState = true
        XCTAssertThrowsError(try PopulationFitter(starts: 1).fit(study, model: .oneCompartmentCombined)) {
            XCTAssertTrue("\($0)".contains("subject 3") && "\($0)".contains("steady-state"), "\($0)")
        }
        study[2].doses = []
        XCTAssertThrowsError(try PopulationFitter(starts: 1).fit(study, model: .oneCompartmentCombined)) {
            XCTAssertEqual($0 as? NLMEError, .noDoses(subject: "3"))
        }
    }
}
