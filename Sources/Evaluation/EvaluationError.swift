/// Why the protocol could not run or a target could not be scored.
public enum EvaluationError: Error, Equatable, CustomStringConvertible {
    case noForecasters
    case tooFewSubjects(study: String, count: Int)
    case negativeGiven(Int)
    case duplicateForecaster(String)
    case wrongPointCount(forecaster: String, subject: String, expected: Int, got: Int)
    case nonPositiveMedian(forecaster: String, subject: String, time: Double, median: Double)
    case noContextProfile(forecaster: String, output: Int)
    case noDose(forecaster: String, subject: String)

    public var description: String {
        switch self {
        case .noForecasters: return "no forecasters given; name at least one (e.g. median,locf)"
        case let .tooFewSubjects(s, n):
            return "study \(s) has \(n) subject(s); leave-one-subject-out needs at least 2"
        case let .negativeGiven(k): return "given observation count \(k) is negative; use k ≥ 0 (e.g. 0-4)"
        case let .duplicateForecaster(n): return "forecaster \(n) listed twice; each name must be unique in a table"
        case let .wrongPointCount(f, s, e, g):
            return "\(f) returned \(g) forecast points for subject \(s), expected \(e) (one per query time)"
        case let .nonPositiveMedian(f, s, t, m):
            return "\(f) forecast a non-positive median \(m) for subject \(s) at time \(t); log-RMSE needs a positive point forecast"
        case let .noContextProfile(f, o):
            return "\(f): no context subject has a positive post-dose observation of output \(o)"
        case let .noDose(f, s):
            return "\(f): subject \(s) has no dose; times after dose are undefined"
        }
    }
}
