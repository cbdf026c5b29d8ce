/// Errors of the NLME fit and forecasts; each names the subject or parameter involved.
public enum NLMEError: Error, Equatable, CustomStringConvertible {
    case unsupportedDose(subject: String, time: Double, reason: String)
    case noDoses(subject: String)
    case noObservations(context: Int)
    case noStartingValues(context: Int)
    case noFiniteStart(model: String, detail: String)
    case noCandidate(detail: String)
    case unsupportedOutput(Int)
    case mapFailed(subject: String, detail: String)
    case missingCovariate(subject: String, name: String, model: String)

    public var description: String {
        switch self {
        case let .unsupportedDose(s, t, r): return "subject \(s), dose at time \(t): \(r)"
        case let .noDoses(s): return "subject \(s) has no dose; the compartment models need at least one"
        case let .noObservations(n): return "the \(n) context subject(s) have no usable observation to fit; need positive parent observations after a dose"
        case let .noStartingValues(n):
            return "no starting values from the \(n) context subject(s): none has 3 positive observations after its first dose and "
                + "the pooled profile (time after the last dose) has no declining tail; add later samples"
        case let .noFiniteStart(m, d): return "\(m): the objective is not finite at any starting value (\(d)); check doses and units"
        case let .noCandidate(d): return "no candidate model could be fitted: \(d)"
        case let .unsupportedOutput(o): return "NLME forecasts the parent only (output 0), not output \(o)"
        case let .mapFailed(s, d): return "subject \(s): MAP estimate failed: \(d)"
        case let .missingCovariate(s, n, m):
            return "subject \(s) has no positive \(n) covariate, which model \(m) needs; add the column or choose a model without +wt"
        }
    }
}
