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

    /// Sparse multiple dosing (IV bolus every 12 h, 2 samples per subject, none with 3 before its second
    /// dose): the starts come from the pooled profile and the fit recovers the typical values.
    func testSparseMultipleDoseStudyFitsFromPooledStarts() throws {
        let theta = [-2.0, 1.0], omega = [0.2, 0.2], b = 0.1
        var rng = SeededGenerator(seed: 21)
        let doses = (0..<5).map { Dose(time: Double($0) * 12, amount: 100, route: .iv) }
        let study = (0..<40).map { i -> Subject in
            let phi = (0..<2).map { theta[$0] + omega[$0] * rng.normal() }
            let times = [2 + 8 * rng.uniform(), 49 + 10 * rng.uniform()]
            var f = [Double](repeating: 0, count: 2)
            CompartmentSolution.predict(.oneCompartment, phi: phi, oral: false, doses: doses, times: times, into: &f)
            return Subject(id: "\(i + 1)", doses: doses,
                           observations: zip(times, f).map { Observation(time: $0, value: $1 * (1 + b * rng.normal())) })
        }
        XCTAssertNotNil(NCAStart(subjects: try study.map { try SubjectData($0, model: NLMEModel(.oneCompartment, .proportional)) }))
        let fit = try PopulationFitter().fit(study, model: NLMEModel(.oneCompartment, .proportional))
        XCTAssertTrue(fit.converged, "\(fit.warnings)")
        for k in 0..<2 { XCTAssertEqual(fit.parameters.theta[k], theta[k], accuracy: 0.15, fit.parameters.names[k]) }
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
        // The forecaster reports the failed context with every candidate's reason, naming the subject.
        let nlme = NLMEForecaster(fitter: PopulationFitter(starts: 1))
        XCTAssertThrowsError(try nlme.forecast(ForecastRequest(context: study, target: study[0], queryTimes: [5]))) {
            XCTAssertTrue("\($0)".contains("1cpt-combined: subject 3, dose at time 0.0: steady-state"), "\($0)")
        }
        XCTAssertThrowsError(try nlme.forecast(ForecastRequest(context: study, target: study[1], queryTimes: [5]))) // cached failure
        study[2].doses = []
        XCTAssertThrowsError(try PopulationFitter(starts: 1).fit(study, model: .oneCompartmentCombined)) {
            XCTAssertEqual($0 as? NLMEError, .noDoses(subject: "3"))
        }
    }
}

extension SimulatedRecoveryTests {
    /// Replicates from a fit keep the design, and their log-concentrations centre on the population prediction.
    func testSimulatedReplicatesFollowThePopulationFit() throws {
        let theta = [-2.5, 0.4, 1.0], omega = [0.2, 0.4, 0.25]
        let subjects = Self.simulate(theta: theta, omega: omega, a: 0.05, b: 0.1, subjects: 20, seed: 9)
        let study = Study(name: "sim", subjects: subjects)
        let nlme = NLMEForecaster(candidates: [.oneCompartmentCombined], fitter: PopulationFitter(starts: 1))
        let reps = try nlme.simulateReplicates(of: study, replicates: 300, seed: 4)
        XCTAssertEqual(reps.count, 300)
        XCTAssertEqual(reps[0].map(\.id), subjects.map(\.id))
        XCTAssertEqual(reps[7][3].observations.map(\.time), subjects[3].observations.map(\.time))
        let again = try nlme.simulateReplicates(of: study, replicates: 2, seed: 4)
        XCTAssertEqual(again[1][0].observations, reps[1][0].observations)
        // At t = 12 h: the median over replicates and subjects of the simulated values ≈ the typical prediction.
        let fit = try nlme.selection(context: study.subjects).chosen
        var typical = [0.0]
        CompartmentSolution.predict(.oneCompartment, phi: fit.parameters.theta, oral: true, doses: subjects[0].doses, times: [12], into: &typical)
        let j = subjects[0].observations.firstIndex { $0.time == 12 }!
        let sims = reps.flatMap { $0.map { $0.observations[j].value } }.sorted()
        XCTAssertEqual(sims[sims.count / 2], typical[0], accuracy: 0.1 * typical[0])
    }
}

extension SimulatedRecoveryTests {
    /// Two compartments, IV: a bolus at 0 and a 1-h infusion at 12 h; proportional error; 30 subjects.
    func testRecoversTwoCompartmentIVWithInfusion() throws {
        let theta = [log(5.0), log(20.0), log(8.0), log(40.0)], omega = [0.25, 0.2, 0.2, 0.2], b = 0.1
        var rng = SeededGenerator(seed: 21)
        let times = [0.1, 0.3, 0.6, 1, 2, 4, 6, 8, 11.9, 12.5, 13, 14, 16, 20, 24, 36]
        let doses = [Dose(time: 0, amount: 500, route: .iv), Dose(time: 12, amount: 500, route: .iv, duration: 1)]
        let subjects = (0..<30).map { i -> Subject in
            let phi = (0..<4).map { theta[$0] + omega[$0] * rng.normal() }
            var f = [Double](repeating: 0, count: times.count)
            CompartmentSolution.predict(.twoCompartment, phi: phi, oral: false, doses: doses, times: times, into: &f)
            return Subject(id: "\(i + 1)", doses: doses, observations: zip(times, f).map { Observation(time: $0, value: $1 * (1 + b * rng.normal())) })
        }
        let fit = try PopulationFitter(starts: 2).fit(subjects, model: NLMEModel(.twoCompartment, .proportional))
        print(fit.parameters, fit.seconds, fit.warnings)
        XCTAssertEqual(fit.parameters.names, ["lCl", "lV1", "lQ", "lV2"])
        // Same tolerances as the one-compartment case: 3 ω/√n + 0.02 on θ, ±35 % on ω, ±30 % on b.
        for k in 0..<4 {
            XCTAssertEqual(fit.parameters.theta[k], theta[k], accuracy: 3 * omega[k] / 30.0.squareRoot() + 0.02, fit.parameters.names[k])
            XCTAssertEqual(fit.parameters.omega[k], omega[k], accuracy: 0.35 * omega[k], "ω \(fit.parameters.names[k])")
        }
        XCTAssertEqual(fit.parameters.sigma[0], b, accuracy: 0.3 * b)
        // AIC prefers it to one compartment.
        let one = try PopulationFitter(starts: 1).fit(subjects, model: NLMEModel(.oneCompartment, .proportional))
        XCTAssertLessThan(fit.aic, one.aic)
    }
}
