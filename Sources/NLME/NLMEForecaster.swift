import Foundation
import PKData

/// The classical NLME baseline as a `Forecaster`.
///
/// Candidates (default: one- and two-compartment, combined error): with `weightNormalisation` on (default)
/// and every context subject carrying a positive WT covariate, each candidate is fitted with clearances and
/// volumes proportional to WT (`NLMEModel.weightNormalised`); otherwise as given.
///
/// Per context: fits every candidate model by FOCE-I (`PopulationFitter`; the first fit of a model uses the
/// NCA multi-start, later ones start from that first converged fit) and keeps the lowest AIC
/// (`ModelSelection`); the selection is cached by context fingerprint (`ContextKey`), so the protocol's k
/// loop reuses one fit per left-out subject. Per target: the MAP estimate given the observations the target
/// carries and the Laplace posterior, then `PopulationFit.forecast` (sampled predictive, `samples` draws,
/// seeded by the request's seed). Forecasts the parent (output 0) only. Thread-safe (the cache is locked).
public final class NLMEForecaster: Forecaster, @unchecked Sendable {
    public let name: String
    public let candidates: [NLMEModel]
    public let fitter: PopulationFitter
    public let samples: Int
    public let point: PointForecast
    public let weightNormalisation: Bool
    private var cache: [String: ModelSelection] = [:]
    /// Contexts where no candidate could be fitted (the error is re-thrown without refitting).
    private var failedContexts: [String: NLMEError] = [:]
    /// The first converged fit of each model: the start of its later fits (contexts overlap in the protocol).
    private var warmStarts: [NLMEModel: PopulationParameters] = [:]
    private let lock = NSLock()

    public init(name: String = "nlme", candidates: [NLMEModel] = [.oneCompartmentCombined, .twoCompartmentCombined],
                fitter: PopulationFitter = PopulationFitter(), samples: Int = 2000, point: PointForecast = .predictiveMedian,
                weightNormalisation: Bool = true) {
        precondition(!candidates.isEmpty, "NLMEForecaster needs at least one candidate model")
        self.name = name; self.candidates = candidates; self.fitter = fitter; self.samples = samples; self.point = point
        self.weightNormalisation = weightNormalisation
    }

    /// The AIC-selected population fit of `context` (cached).
    public func selection(context: [Subject]) throws -> ModelSelection {
        let key = ContextKey.make(context)
        lock.lock()
        if let hit = cache[key] { lock.unlock(); return hit }
        if let failure = failedContexts[key] { lock.unlock(); throw failure }
        lock.unlock()
        var fits: [PopulationFit] = [], failures: [String: String] = [:]
        let useWeight = weightNormalisation && context.allSatisfy { ($0.baselineCovariate(named: "WT") ?? 0) > 0 }
        for m in candidates.map({ useWeight ? $0.weightNormalised(true) : $0 }) {
            lock.lock(); let warm = warmStarts[m]; lock.unlock()
            do {
                let fit = try fitter.fit(context, model: m, warmStart: warm)
                fits.append(fit)
                if warm == nil, fit.converged { lock.lock(); warmStarts[m] = fit.parameters; lock.unlock() }
            } catch { failures[m.name] = "\(error)" }
        }
        guard let best = fits.min(by: { $0.aic < $1.aic }) else {
            let error = NLMEError.noCandidate(detail: failures.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "))
            lock.lock(); failedContexts[key] = error; lock.unlock()
            throw error
        }
        let sel = ModelSelection(chosen: best, fits: fits, failures: failures)
        lock.lock(); cache[key] = sel; lock.unlock()
        return sel
    }

    /// Number of distinct contexts fitted so far.
    public var cachedContexts: Int { lock.lock(); defer { lock.unlock() }; return cache.count }

    public func forecast(_ request: ForecastRequest) throws -> Forecast {
        guard request.output == 0 else { throw NLMEError.unsupportedOutput(request.output) }
        let sel = try selection(context: request.context)
        var f = try sel.chosen.forecast(target: request.target, times: request.queryTimes, samples: samples, seed: request.seed,
                                               point: point)
        f.warnings = sel.chosen.warnings + sel.failures.sorted { $0.key < $1.key }.map { "\($0.key) not fitted: \($0.value)" } + f.warnings
        return f
    }
}
