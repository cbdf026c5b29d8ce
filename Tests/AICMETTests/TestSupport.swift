import Foundation
import PKData
import PKSim
@testable import AICMET

/// A small one-compartment oral prior for tests: closed-form concentrations, proportional noise.
struct TestOneCompartmentPrior: Prior {
    var id: String { "test-one-compartment" }
    var summary: String { "one-compartment oral, for tests" }

    func sampleStudy(subjects: Int, rng: inout SeededGenerator) -> Study {
        let ka = exp(rng.uniform(-0.5, 1)), ke = exp(rng.uniform(-3, -1.5)), v = exp(rng.uniform(0, 1))
        let times: [Double] = [0.25, 0.5, 1, 2, 3, 5, 8, 12, 24]
        let people = (0..<subjects).map { i -> Subject in
            let kai = ka * exp(0.2 * rng.normal()), kei = ke * exp(0.2 * rng.normal()), vi = v * exp(0.2 * rng.normal())
            let obs = times.map { t -> Observation in
                let c = kai / (vi * (kai - kei)) * (exp(-kei * t) - exp(-kai * t))
                return Observation(time: t, value: c * exp(0.05 * rng.normal()))
            }
            return Subject(id: "\(i + 1)", doses: [Dose(time: 0, amount: 1, route: .oral)], observations: obs)
        }
        return Study(name: "sim", subjects: people)
    }
}

func fixtureSpec(_ decoder: String = "gaussian", size: NetworkSize = .tiny, relativeQueryTime: Bool = false,
                 givenAttention: Bool = false, studyConditioned: Bool = false, mechanistic: Bool = false,
                 mechanisticRelease: Bool = false) -> VariantSpec {
    var spec = VariantSpec(name: "test", prior: "test-one-compartment", decoder: try! DecoderSpec.parse(decoder), size: size, outputs: 1)
    if relativeQueryTime { spec.relativeQueryTime = true }
    if givenAttention { spec.givenAttention = true }
    if studyConditioned { spec.studyConditioned = true }
    if mechanistic { spec.mechanistic = true }
    if mechanisticRelease { spec.mechanisticRelease = true }
    return spec
}

func fixtureStudy(seed: UInt64 = 7, subjects: Int = 6) -> Study {
    var rng = SeededGenerator(seed: seed)
    return TestOneCompartmentPrior().sampleStudy(subjects: subjects, rng: &rng)
}

/// An untrained tiny model (seed 4) and a request for subject 1 of `fixtureStudy(subjects: 7)` with its first two
/// observations given, the other six subjects its context, at t = 3, 5, 8, 12 (seed 9).
func twoGivenRequest() throws -> (model: AICMETModel, request: ForecastRequest) {
    let model = try AICMETModel(spec: fixtureSpec(), adapters: [], seed: 4)
    let study = fixtureStudy(subjects: 7)
    var target = study.subjects[0]
    target.observations = Array(target.observations.prefix(2))
    return (model, ForecastRequest(context: Array(study.subjects.dropFirst()), target: target, queryTimes: [3, 5, 8, 12], seed: 9))
}
