import Foundation
import PKData

/// The forecasting protocol of evaluation.md over any `Forecaster`s.
///
/// For each k in `given` and each forecaster, every subject in turn is the target; the context is every
/// other subject with all its records; the target is reduced by `ProtocolSplit` (hidden observations
/// removed) before the forecaster sees it. The forecaster is asked for the scored hidden times of each
/// output separately (`ForecastRequest.output`). Point forecast = the predictive median (`ForecastPoint.median`);
/// 90 % interval = [q05, q95]. A target whose forecast throws, returns the wrong number of points or a
/// non-positive median is recorded in `EvaluationRow.failures` and excluded from that row's metrics.
/// Seeds: target t at k gets `Evaluation.seed(base, k, t)`, the same for every forecaster.
public enum Evaluation {
    public static func run(study: Study, forecasters: [any Forecaster], given: [Int] = Array(0...4), seed: UInt64 = 0,
                           progress: ((String) -> Void)? = nil) throws -> EvaluationResult {
        guard !forecasters.isEmpty else { throw EvaluationError.noForecasters }
        guard study.subjects.count >= 2 else { throw EvaluationError.tooFewSubjects(study: study.name, count: study.subjects.count) }
        if let k = given.first(where: { $0 < 0 }) { throw EvaluationError.negativeGiven(k) }
        var names = Set<String>()
        for f in forecasters where !names.insert(f.name).inserted { throw EvaluationError.duplicateForecaster(f.name) }

        var rows: [EvaluationRow] = []
        var predictions: [PredictionRecord] = []
        for k in given {
            let splits = study.subjects.map { ProtocolSplit(subject: $0, given: k) }
            for forecaster in forecasters {
                progress?("\(study.name): \(forecaster.name), k = \(k)")
                let (row, records) = evaluate(forecaster, study: study, splits: splits, given: k, seed: seed)
                rows.append(row)
                predictions += records
            }
        }
        return EvaluationResult(study: study.name, seed: seed, given: given, forecasters: forecasters.map(\.name),
                                rows: rows, predictions: predictions)
    }

    /// Per-target seed: SplitMix64 of the base seed, k and the target index.
    public static func seed(_ base: UInt64, given k: Int, target t: Int) -> UInt64 {
        var z = base &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(k + 1) &+ 0xD1B5_4A32_D192_ED03 &* UInt64(t + 1)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    static func evaluate(_ forecaster: any Forecaster, study: Study, splits: [ProtocolSplit], given k: Int,
                         seed: UInt64) -> (EvaluationRow, [PredictionRecord]) {
        var scores: [SubjectScore] = []
        var records: [PredictionRecord] = []
        var failures: [TargetFailure] = []
        var warnings: [String] = []
        let start = Date()
        for (t, split) in splits.enumerated() where !split.scored.isEmpty {
            let context = study.subjects.enumerated().filter { $0.offset != t }.map(\.element)
            let id = split.visible.id
            do {
                var mine: [PredictionRecord] = []
                for output in Set(split.scored.map(\.output)).sorted() {
                    let obs = split.scored.filter { $0.output == output }
                    let request = ForecastRequest(context: context, target: split.visible, queryTimes: obs.map(\.time),
                                                  output: output, seed: Evaluation.seed(seed, given: k, target: t))
                    let forecast = try forecaster.forecast(request)
                    for w in forecast.warnings where !warnings.contains("\(id): \(w)") { warnings.append("\(id): \(w)") }
                    guard forecast.points.count == obs.count else {
                        throw EvaluationError.wrongPointCount(forecaster: forecaster.name, subject: id,
                                                              expected: obs.count, got: forecast.points.count)
                    }
                    for (o, p) in zip(obs, forecast.points) {
                        guard p.median > 0, p.median.isFinite else {
                            throw EvaluationError.nonPositiveMedian(forecaster: forecaster.name, subject: id, time: o.time, median: p.median)
                        }
                        mine.append(PredictionRecord(forecaster: forecaster.name, given: k, subject: id, time: o.time,
                                                     output: output, observed: o.value, mean: p.mean, median: p.median,
                                                     q05: p.q05, q95: p.q95))
                    }
                }
                scores.append(try score(subject: id, mine))
                records += mine
            } catch {
                failures.append(TargetFailure(subject: id, message: "\(error)"))
            }
        }
        let seconds = Date().timeIntervalSince(start)
        let (mean, sd) = Metrics.meanAndSD(scores.map(\.logRMSE))
        let pooled = try? score(subject: "", records)
        let row = EvaluationRow(forecaster: forecaster.name, given: k, targets: scores.count, observations: records.count,
                                meanLogRMSE: mean, sdLogRMSE: sd, pooledLogRMSE: pooled?.logRMSE ?? .nan,
                                rmse: pooled?.rmse ?? .nan, coverage: pooled?.coverage ?? .nan,
                                intervalScore: pooled?.intervalScore ?? .nan, seconds: seconds, subjects: scores,
                                failures: failures, warnings: warnings)
        return (row, records)
    }

    /// Metrics of a set of predictions (one target, or all pooled).
    static func score(subject: String, _ r: [PredictionRecord]) throws -> SubjectScore {
        let y = r.map(\.observed), m = r.map(\.median), lo = r.map(\.q05), hi = r.map(\.q95)
        return SubjectScore(subject: subject, observations: r.count,
                            logRMSE: try Metrics.logRMSE(predicted: m, observed: y),
                            rmse: try Metrics.rmse(predicted: m, observed: y),
                            coverage: try Metrics.coverage(lower: lo, upper: hi, observed: y),
                            intervalScore: try Metrics.intervalScore(lower: lo, upper: hi, observed: y, alpha: 0.1))
    }
}
