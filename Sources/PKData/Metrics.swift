import Foundation

/// Error metrics of point and interval forecasts against observations.
///
/// Contracts (all arrays paired element by element, same length, non-empty unless stated):
/// - `logRMSE`: sqrt(mean_j (log ŷ_j − log y_j)²); every ŷ_j and y_j must be > 0.
/// - `rmse`: sqrt(mean_j (ŷ_j − y_j)²), natural scale.
/// - `coverage`: share of y_j with lower_j ≤ y_j ≤ upper_j, in [0, 1].
/// - `intervalScore`: mean_j of the interval score of a central (1 − α) interval (Gneiting & Raftery 2007):
///   (u − l) + (2/α)(l − y)·1{y < l} + (2/α)(y − u)·1{y > u}; lower is better, in concentration units.
/// Each throws `MetricsError` on mismatched lengths, empty input or (for log-RMSE) non-positive values.
public enum Metrics {
    public static func logRMSE(predicted: [Double], observed: [Double]) throws -> Double {
        try check(predicted.count, observed.count, "logRMSE")
        var s = 0.0
        for j in predicted.indices {
            guard predicted[j] > 0, observed[j] > 0 else {
                throw MetricsError.nonPositive(metric: "logRMSE", index: j, predicted: predicted[j], observed: observed[j])
            }
            let d = log(predicted[j]) - log(observed[j])
            s += d * d
        }
        return (s / Double(predicted.count)).squareRoot()
    }

    public static func rmse(predicted: [Double], observed: [Double]) throws -> Double {
        try check(predicted.count, observed.count, "rmse")
        var s = 0.0
        for j in predicted.indices { let d = predicted[j] - observed[j]; s += d * d }
        return (s / Double(predicted.count)).squareRoot()
    }

    public static func coverage(lower: [Double], upper: [Double], observed: [Double]) throws -> Double {
        try check(lower.count, observed.count, "coverage")
        try check(upper.count, observed.count, "coverage")
        var inside = 0
        for j in observed.indices where lower[j] <= observed[j] && observed[j] <= upper[j] { inside += 1 }
        return Double(inside) / Double(observed.count)
    }

    public static func intervalScore(lower: [Double], upper: [Double], observed: [Double], alpha: Double = 0.1) throws -> Double {
        try check(lower.count, observed.count, "intervalScore")
        try check(upper.count, observed.count, "intervalScore")
        guard alpha > 0, alpha < 1 else { throw MetricsError.badAlpha(alpha) }
        var s = 0.0
        for j in observed.indices {
            let l = lower[j], u = upper[j], y = observed[j]
            s += (u - l)
            if y < l { s += 2 / alpha * (l - y) }
            if y > u { s += 2 / alpha * (y - u) }
        }
        return s / Double(observed.count)
    }

    /// Mean and sample standard deviation (n − 1 denominator, as R's `sd`; 0 for a single value).
    public static func meanAndSD(_ x: [Double]) -> (mean: Double, sd: Double) {
        guard !x.isEmpty else { return (.nan, .nan) }
        let m = x.reduce(0, +) / Double(x.count)
        guard x.count > 1 else { return (m, 0) }
        let v = x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)
        return (m, v.squareRoot())
    }

    /// Empirical quantile with linear interpolation between order statistics (R's type 7).
    /// `p` in [0, 1]; `x` non-empty (need not be sorted).
    public static func quantile(_ x: [Double], _ p: Double) -> Double {
        precondition(!x.isEmpty, "quantile of an empty sample")
        let s = x.sorted()
        return quantile(sorted: s, p)
    }

    /// As `quantile(_:_:)` on an already ascending-sorted sample.
    public static func quantile(sorted s: [Double], _ p: Double) -> Double {
        precondition(!s.isEmpty, "quantile of an empty sample")
        let h = Double(s.count - 1) * min(max(p, 0), 1)
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    private static func check(_ a: Int, _ b: Int, _ metric: String) throws {
        guard a == b else { throw MetricsError.lengthMismatch(metric: metric, predicted: a, observed: b) }
        guard b > 0 else { throw MetricsError.empty(metric: metric) }
    }
}
