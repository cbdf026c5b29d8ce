import Evaluation
import PKData

/// `plot fit|gof|vpc STUDY --forecaster NAME …`: the report's figures in the terminal.
extension Session {
    /// Individual forecast of `subject` given its first `given` observations (the protocol's split).
    public func plotFit(_ name: String, subject: String, forecaster: String = "nlme", given: Int = 2, log: Bool = false,
                        catalog: ForecasterCatalog = .standard) throws -> CommandResult {
        let study = try requireStudy(name)
        _ = try requireSubject(subject, in: study)
        guard given >= 0 else { throw WorkbenchError("--given must be ≥ 0, got \(given)", hint: "e.g. --given 2") }
        let f = try catalog.resolve(forecaster, session: self)
        let fig = try wrap { try EvaluationFigures.individualFit(study: study, subjectID: subject, forecaster: f, given: given,
                                                                 seed: seed, logY: log) }
        return CommandResult([.plot(fig)])
    }

    /// Observed vs predicted over the protocol's forecasts at the given k's (default 0-4).
    public func plotGOF(_ name: String, forecaster: String = "nlme", given: String = "0-4", log: Bool = true,
                        catalog: ForecasterCatalog = .standard, progress: @escaping ProgressHandler = { _, _, _ in }) throws -> CommandResult {
        let study = try requireStudy(name)
        let f = try catalog.resolve(forecaster, session: self)
        let (result, _) = try runProtocol(study, [f], try GivenList.parse(given), progress: progress)
        let fig = EvaluationFigures.goodnessOfFit(result: result, forecaster: f.name, log: log, unit: study.units.concentration)
        return CommandResult([.plot(fig)] + Self.notes(result))
    }

    /// Visual predictive check (simulation-based for forecasters that generate subjects, e.g. NLME).
    public func plotVPC(_ name: String, forecaster: String = "nlme", bins: Int = 8, log: Bool = false,
                        catalog: ForecasterCatalog = .standard) throws -> CommandResult {
        let study = try requireStudy(name)
        guard bins >= 1 else { throw WorkbenchError("--bins must be ≥ 1, got \(bins)", hint: "e.g. --bins 8") }
        let f = try catalog.resolve(forecaster, session: self)
        let fig = try wrap { try EvaluationFigures.vpc(study: study, forecaster: f, seed: seed, bins: bins, logY: log) }
        return CommandResult([.plot(fig)])
    }
}
