import Evaluation
import Foundation
import PKData

/// `evaluate STUDY --forecasters … --given … [--report FILE]` and `report STUDY …`.
extension Session {
    /// Runs the protocol (evaluation.md) on `name` for every forecaster of the comma-separated `forecasters`
    /// (resolved by `catalog`) and every k of `given` (see `GivenList`), with the session seed; stores the
    /// result (`EvaluationResult.json()`) in the workspace; returns the comparison table, notes on failures and warnings, and —
    /// with `report` — writes the Markdown + SVG report there.
    public func evaluate(_ name: String, forecasters: String = "nlme,median,locf", given: String = "0-4",
                         report: String? = nil, catalog: ForecasterCatalog = .standard,
                         progress: @escaping ProgressHandler = { _, _, _ in }) throws -> CommandResult {
        let study = try requireStudy(name)
        let ks = try GivenList.parse(given)
        let resolved = try catalog.resolve(list: forecasters, session: self)
        let (result, _) = try runProtocol(study, resolved, ks, progress: progress)
        let record = try wrap {
            try workspace.evaluations.save(study: study.name, forecasters: result.forecasters,
                                           settings: Self.json(["given": ks.map(String.init).joined(separator: ","), "seed": String(seed)]),
                                           results: try result.json())
        }
        var out = CommandResult([.table(Self.table(result))])
        out.blocks += Self.notes(result)
        out.blocks.append(.note("evaluation #\(record.id) stored (point forecast = predictive median; wall times in the stored result)"))
        if let report {
            let files = try writeReport(result, study: study, forecasters: resolved, to: report)
            out.blocks.append(.text("report written: \(report) (+\(files.count - 1) figures)"))
        }
        return out
    }

    /// `report STUDY --forecasters … --given … --file FILE`: runs the protocol and writes the report (Markdown with
    /// SVG figures: individual forecasts with the 90 % band, observed vs predicted, VPC) without storing it.
    public func report(_ name: String, file: String, forecasters: String = "nlme,median,locf", given: String = "0-4",
                       fitGiven: Int = 2, catalog: ForecasterCatalog = .standard,
                       progress: @escaping ProgressHandler = { _, _, _ in }) throws -> CommandResult {
        let study = try requireStudy(name)
        let ks = try GivenList.parse(given)
        let resolved = try catalog.resolve(list: forecasters, session: self)
        let (result, _) = try runProtocol(study, resolved, ks, progress: progress)
        let files = try writeReport(result, study: study, forecasters: resolved, to: file, fitGiven: fitGiven)
        var out = CommandResult([.table(Self.table(result))])
        out.blocks += Self.notes(result)
        out.blocks.append(.text("report written: \(file) (+\(files.count - 1) figures)"))
        return out
    }

    func runProtocol(_ study: Study, _ forecasters: [any Forecaster], _ ks: [Int],
                     progress: @escaping ProgressHandler) throws -> (EvaluationResult, Double) {
        let perK = study.subjects.count
        let total = perK * ks.count * forecasters.count
        var done = 0
        let wrapped: [any Forecaster] = forecasters.map { f in
            CancellableForecaster(base: f, session: self, onForecast: { done += 1; progress(done, total, f.name) })
        }
        let start = Date()
        do {
            let result = try Evaluation.run(study: study, forecasters: wrapped, given: ks, seed: seed)
            try checkCancelled()
            return (result, Date().timeIntervalSince(start))
        } catch let e as WorkbenchError { throw e } catch { throw WorkbenchError.from(error) }
    }

    func writeReport(_ result: EvaluationResult, study: Study, forecasters: [any Forecaster], to path: String,
                     fitGiven: Int = 2) throws -> [URL] {
        let url = self.url(for: path)
        do {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            return try EvaluationReport(fitGiven: fitGiven).write(result: result, study: study, forecasters: forecasters, to: url)
        } catch {
            throw WorkbenchError("cannot write the report \(path): \(error)", hint: "check that the folder is writable")
        }
    }

    /// One row per (k, forecaster), as `EvaluationResult.markdownTable` without the wall time (kept in the
    /// stored result and the report, so transcripts stay reproducible).
    static func table(_ r: EvaluationResult) -> Table {
        var t = Table(title: "\(r.study): leave-one-subject-out forecasts, seed \(r.seed)",
                      columns: ["forecaster", "k", "targets", "logRMSE", "SD", "pooled logRMSE", "RMSE", "coverage90",
                                "interval score", "failures"])
        for k in r.given {
            for name in r.forecasters {
                guard let row = r.row(name, given: k) else { continue }
                t.append([.text(name), .integer(k), .integer(row.targets), .optional(row.meanLogRMSE, digits: 3),
                          .optional(row.sdLogRMSE, digits: 3), .optional(row.pooledLogRMSE, digits: 3), .optional(row.rmse, digits: 3),
                          .optional(row.coverage, digits: 3), .optional(row.intervalScore, digits: 3), .integer(row.failures.count)])
            }
        }
        return t
    }

    static func notes(_ r: EvaluationResult) -> [OutputBlock] {
        var out: [OutputBlock] = []
        for row in r.rows { for f in row.failures { out.append(.note("\(row.forecaster), k = \(row.given), subject \(f.subject): \(f.message)")) } }
        for name in r.forecasters {
            let w = Set(r.rows.filter { $0.forecaster == name }.flatMap(\.warnings))
            if !w.isEmpty { out.append(.note("\(name): \(w.count) distinct warning(s), e.g. \(w.sorted()[0])")) }
        }
        return out
    }

    static func json(_ d: [String: String]) -> String {
        (try? String(decoding: JSONSerialization.data(withJSONObject: d, options: [.sortedKeys]), as: UTF8.self)) ?? "{}"
    }
}
