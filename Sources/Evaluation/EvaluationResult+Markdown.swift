import Foundation

extension EvaluationResult {
    /// A Markdown table: one row per (k, forecaster), k ascending, forecasters in run order.
    /// Columns: forecaster, k, targets, per-target log-RMSE mean ± SD, pooled log-RMSE, RMSE, 90 % coverage,
    /// interval score (α = 0.1), failures, seconds. Numbers with 3 decimals; "—" when undefined.
    public func markdownTable() -> String {
        var lines = [
            "| forecaster | k | targets | log-RMSE (mean ± SD) | pooled log-RMSE | RMSE | 90 % coverage | interval score | failures | time (s) |",
            "|---|---|---|---|---|---|---|---|---|---|",
        ]
        for k in given {
            for name in forecasters {
                guard let r = row(name, given: k) else { continue }
                lines.append("| \(r.forecaster) | \(r.given) | \(r.targets) | \(Self.fmt(r.meanLogRMSE)) ± \(Self.fmt(r.sdLogRMSE)) | "
                    + "\(Self.fmt(r.pooledLogRMSE)) | \(Self.fmt(r.rmse)) | \(Self.fmt(r.coverage)) | \(Self.fmt(r.intervalScore)) | "
                    + "\(r.failures.count) | \(String(format: "%.2f", r.seconds)) |")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The table preceded by a one-line description of the protocol and followed by any failures.
    public func markdown() -> String {
        var s = "Study **\(study)**, leave-one-subject-out, k = \(given.map(String.init).joined(separator: ", ")) given "
            + "observations, seed \(seed). Point forecast: the predictive \(pointForecast); interval: central "
            + "\(Int((intervalLevel * 100).rounded())) %.\n\n"
        s += markdownTable()
        let failed = rows.filter { !$0.failures.isEmpty }
        if !failed.isEmpty {
            s += "\nFailures:\n\n"
            for r in failed { for f in r.failures { s += "- \(r.forecaster), k = \(r.given), subject \(f.subject): \(f.message)\n" } }
        }
        return s
    }

    static func fmt(_ x: Double) -> String { x.isFinite ? String(format: "%.3f", x) : "—" }
}
