/// Summary of NCA results over subjects: per metric, the number of subjects with a positive value, the
/// geometric mean, the geometric CV% (100·sqrt(exp(s²) − 1), s = SD of the logs, n − 1 denominator) and the median.
/// Non-positive or missing values are left out of a metric (n says how many were used).
public struct NCASummary: Hashable, Codable, Sendable {
    public struct Metric: Hashable, Codable, Sendable {
        public var name: String
        public var n: Int
        public var geometricMean: Double?
        /// nil when n < 2.
        public var geometricCV: Double?
        public var median: Double?
    }

    public var metrics: [Metric]

    public init(results: [NCAResult]) {
        let columns: [(String, (NCAResult) -> Double?)] = [
            ("Cmax", \.cmax), ("Tmax", \.tmax), ("AUClast", \.auclast), ("AUCinf", \.aucinf),
            ("lambdaZ", \.lambdaZ), ("t1/2", \.halfLife), ("CL", \.clearance),
        ]
        metrics = columns.map { name, get in
            Self.metric(name, results.compactMap(get).filter { $0 > 0 && $0.isFinite })
        }
    }

    public func metric(_ name: String) -> Metric? { metrics.first { $0.name == name } }

    static func metric(_ name: String, _ values: [Double]) -> Metric {
        guard !values.isEmpty else { return Metric(name: name, n: 0) }
        let logs = values.map { Foundation.log($0) }
        let n = Double(values.count)
        let mean = logs.reduce(0, +) / n
        var cv: Double? = nil
        if values.count > 1 {
            let variance = logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
            cv = 100 * (Foundation.exp(variance) - 1).squareRoot()
        }
        let sorted = values.sorted()
        let median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        return Metric(name: name, n: values.count, geometricMean: Foundation.exp(mean), geometricCV: cv, median: median)
    }
}

import Foundation
