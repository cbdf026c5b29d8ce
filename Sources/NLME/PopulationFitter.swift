import Foundation
import PKData

/// Population maximum-likelihood fit by FOCE with interaction (FOCE-I).
///
/// Why FOCE-I: it is deterministic and fast (each objective evaluation is a few Newton steps per subject),
/// it is NONMEM's standard, and it is the approximation R's nlme (Lindstrom–Bates, linearised at the
/// conditional modes) also makes, so the check against R is like for like. "Interaction": the conditional
/// modes maximise the full individual joint density, with the residual variance a² + b²f² evaluated at the
/// individual prediction; the Hessian is the expected information (see `IndividualProblem`), i.e. this is the
/// Laplace approximation with a Gauss–Newton Hessian. SAEM would need many more evaluations for a 12-subject
/// study without a clear gain.
///
/// Outer variables x = (θ, log ω, log σ) minimised by `BFGS` with central-difference gradients from
/// `starts` NCA-based starting points (`NCAStart`; the 2nd/3rd starts move ka (or Q) and ω, σ); the best
/// objective wins. log ω is kept in [−7, 2] and log σ in [−12, 5] by a quadratic penalty 100·excess²; an ω
/// that ends at its lower bound is reported as not identified. The inner modes are warm-started from the
/// last accepted outer point.
public struct PopulationFitter: Sendable {
    public var starts: Int
    public var maxIterations: Int

    public init(starts: Int = 3, maxIterations: Int = 400) { self.starts = starts; self.maxIterations = maxIterations }

    /// Fits `model` to `subjects`. With `warmStart` (e.g. the fit of an overlapping context, same model and
    /// parameter names) the optimisation starts from it alone instead of the NCA starts.
    public func fit(_ subjects: [Subject], model: NLMEModel, warmStart: PopulationParameters? = nil) throws -> PopulationFit {
        let clock = Date()
        for s in subjects where s.doses.isEmpty { throw NLMEError.noDoses(subject: s.id) }
        let data = try subjects.map { try SubjectData($0, model: model) }.filter { !$0.times.isEmpty }
        let nObs = data.reduce(0) { $0 + $1.times.count }
        guard !data.isEmpty else { throw NLMEError.noObservations(context: subjects.count) }
        guard let nca = NCAStart(subjects: data) else { throw NLMEError.noStartingValues(context: subjects.count) }
        let oral = data.contains { $0.hasOral }
        let names = model.structure.parameterNames(oral: oral)
        let p = names.count, ns = model.error.parameterNames.count

        func decode(_ x: [Double]) -> (IndividualProblem, penalty: Double) {
            var pen = 0.0
            func bound(_ v: Double, _ lo: Double, _ hi: Double) -> Double {
                if v < lo { pen += 100 * (lo - v) * (lo - v); return lo }
                if v > hi { pen += 100 * (v - hi) * (v - hi); return hi }
                return v
            }
            let lw = (0..<p).map { bound(x[p + $0], -7, 2) }
            let ls = (0..<ns).map { bound(x[2 * p + $0], -12, 5) }
            let a = model.error.hasAdditive ? exp(ls[0]) : 0
            let b = model.error.hasProportional ? exp(ls[ns - 1]) : 0
            return (IndividualProblem(structure: model.structure, oral: oral, theta: Array(x[0..<p]),
                                      omega2: lw.map { exp(2 * $0) }, a2: a * a, b2: b * b), pen)
        }
        var cache = [[Double]](repeating: [Double](repeating: 0, count: p), count: data.count)
        func modes(_ x: [Double]) -> (total: Double, [IndividualProblem.Mode]) {
            let (problem, pen) = decode(x)
            var total = pen
            var out: [IndividualProblem.Mode] = []
            out.reserveCapacity(data.count)
            for (i, s) in data.enumerated() {
                let m = problem.mode(s, start: cache[i])
                total += m.objective
                out.append(m)
            }
            return (total.isFinite ? total : .infinity, out)
        }

        var startPoints: [[Double]] = []
        let theta0 = nca.theta(model.structure, oral: oral)
        let sigma0 = model.error.parameterNames.map { $0 == "a" ? log(nca.additive) : log(nca.proportional) }
        let shiftIndex = oral ? names.firstIndex(of: "lKa") : names.firstIndex(of: "lQ")
        if let w = warmStart, w.names == names, w.sigma.count == ns, w.sigma.allSatisfy({ $0 > 0 }), w.omega.allSatisfy({ $0 > 0 }) {
            startPoints.append(w.theta + w.omega.map { max(log($0), -6.5) } + w.sigma.map { log($0) })
        }
        for s in 0..<(startPoints.isEmpty ? max(starts, 1) : 0) {
            var th = theta0
            let w: Double = [nca.omega, 0.3, 0.8][s % 3]
            let sigmaShift: Double = [0.0, -0.6931471805599453, 0.6931471805599453][s % 3]
            if let k = shiftIndex, s % 3 != 0 { th[k] += s % 3 == 1 ? log(3) : -log(2) }
            startPoints.append(th + [Double](repeating: log(w), count: p) + sigma0.map { $0 + sigmaShift })
        }

        var best: BFGS.Result?
        var bestCache = cache
        var failures: [String] = []
        let optimiser = BFGS(maxIterations: maxIterations)
        for x0 in startPoints {
            cache = [[Double]](repeating: [Double](repeating: 0, count: p), count: data.count)
            let result = optimiser.minimize(x0, { modes($0).total }, onAccept: { x in cache = modes(x).1.map(\.eta) })
            guard result.value.isFinite else { failures.append(result.message); continue }
            if best == nil || result.value < best!.value { best = result; bestCache = cache }
        }
        guard let opt = best else {
            throw NLMEError.noFiniteStart(model: model.name, detail: failures.joined(separator: "; "))
        }
        cache = bestCache
        let (problem, penalty) = decode(opt.x)
        let (total, final) = modes(opt.x)

        var warnings: [String] = []
        let allNames = names + names.map { "ω(\($0))" } + model.error.parameterNames.map { "σ_\($0)" }
        if !opt.converged {
            let k = opt.gradient.indices.max { abs(opt.gradient[$0]) < abs(opt.gradient[$1]) } ?? 0
            warnings.append("\(model.name): optimiser did not converge (\(opt.message)); largest gradient \(String(format: "%.3g", opt.gradient[k])) on \(allNames[k])")
        }
        for k in 0..<p where opt.x[p + k] <= -6.9 {
            warnings.append("\(model.name): ω(\(names[k])) shrank to its lower bound (≈ 0): the random effect on \(names[k]) is not identified")
        }
        if penalty > 1e-6 { warnings.append("\(model.name): a variance parameter ends at its bound (penalty \(String(format: "%.3g", penalty)))") }
        for (s, m) in zip(data, final) where !m.converged {
            warnings.append("\(model.name): subject \(s.id): conditional mode did not converge in \(m.iterations) iterations")
        }
        let params = PopulationParameters(names: names, theta: problem.theta, omega: problem.omega2.map { $0.squareRoot() },
                                          sigma: model.error.parameterNames.map { $0 == "a" ? problem.a2.squareRoot() : problem.b2.squareRoot() })
        let k = 2 * p + ns
        let ofv = total - penalty
        return PopulationFit(model: model, oral: oral, parameters: params, objective: ofv, aic: ofv + 2 * Double(k),
                             parameterCount: k, subjects: data.count, observations: nObs,
                             individual: zip(data, final).map { .init(subject: $0.id, eta: $1.eta, converged: $1.converged) },
                             converged: opt.converged, iterations: opt.iterations, starts: startPoints.count,
                             warnings: warnings, seconds: Date().timeIntervalSince(clock))
    }
}
