/// Why a metric could not be computed.
public enum MetricsError: Error, Equatable, CustomStringConvertible {
    case lengthMismatch(metric: String, predicted: Int, observed: Int)
    case empty(metric: String)
    case nonPositive(metric: String, index: Int, predicted: Double, observed: Double)
    case badAlpha(Double)

    public var description: String {
        switch self {
        case let .lengthMismatch(m, p, o):
            return "\(m): \(p) predictions for \(o) observations; pass one prediction per observation"
        case let .empty(m):
            return "\(m): no observations to score"
        case let .nonPositive(m, i, p, o):
            return "\(m): value \(i) is not positive (predicted \(p), observed \(o)); log-scale metrics need positive values — drop non-positive observations before scoring"
        case let .badAlpha(a):
            return "interval score: alpha must be in (0, 1), got \(a); use 0.1 for a 90 % interval"
        }
    }
}
