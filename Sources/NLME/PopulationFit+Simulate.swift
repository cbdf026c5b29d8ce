import Foundation
import PKData

extension PopulationFit {
    /// A new individual like `subject`: same doses, covariates and parent observation times, with
    /// η ~ N(0, Ω) and y = f(t; θ + η) + ε, ε ~ N(0, a² + b²f²) (values may be ≤ 0 under additive error).
    /// Other outputs are dropped.
    public func simulate(like subject: Subject, generator rng: inout SeededGenerator) throws -> Subject {
        let problem = problem()
        let doses = try SubjectData(subject, model: model).doses
        let obs = subject.observations.filter { $0.output == 0 }
        let eta = (0..<problem.p).map { problem.omega2[$0].squareRoot() * rng.normal() }
        let f = problem.predictions(times: obs.map(\.time), doses: doses, eta: eta)
        var out = subject
        out.observations = zip(obs, f).map { o, c in
            Observation(time: o.time, value: c + problem.variance(c).squareRoot() * rng.normal(), output: 0)
        }
        return out
    }
}
