import Foundation
import PKData

/// The report's figures as `PlotFigure`s (drawn by `SVGPlot` in reports and `TerminalPlot` in the shell).
public enum EvaluationFigures {
    /// Individual forecast of `subjectID` under the protocol at k = `given`: the forecaster sees the other
    /// subjects and the target's first k post-dose observations (`ProtocolSplit`), and forecasts on a grid of
    /// `gridPoints` times from the first dose to the last observation. Series: given observations, hidden
    /// observations, forecast median (line) with its 90 % band.
    public static func individualFit(study: Study, subjectID: String, forecaster: any Forecaster, given k: Int,
                                     seed: UInt64 = 0, gridPoints: Int = 60, logY: Bool = false) throws -> PlotFigure {
        guard let t = study.subjects.firstIndex(where: { $0.id == subjectID }) else {
            throw EvaluationError.unknownSubject(study: study.name, subject: subjectID)
        }
        let split = ProtocolSplit(subject: study.subjects[t], given: k)
        guard let t0 = split.visible.firstDoseTime else { throw EvaluationError.noDose(forecaster: forecaster.name, subject: subjectID) }
        let last = study.subjects[t].observations.map(\.time).max() ?? t0 + 24
        let n = max(gridPoints, 2)
        let grid = (1...n).map { t0 + (last - t0) * Double($0) / Double(n) }
        let context = study.subjects.enumerated().filter { $0.offset != t }.map(\.element)
        let f = try forecaster.forecast(ForecastRequest(context: context, target: split.visible, queryTimes: grid,
                                                        output: 0, seed: Evaluation.seed(seed, given: k, target: t)))
        let given = split.visible.observations.filter { $0.output == 0 }.map { PlotPoint($0.time, $0.value) }
        let hidden = split.hidden.filter { $0.output == 0 }.map { PlotPoint($0.time, $0.value) }
        let pts = f.points
        return PlotFigure(title: "\(study.name), subject \(subjectID): \(forecaster.name), k = \(k)",
                          xLabel: PlotFigure.timeLabel(study.units), yLabel: PlotFigure.concentrationLabel(study.units), logY: logY,
                          series: [PlotSeries(name: "median", points: pts.map { PlotPoint($0.time, $0.median) }, style: .line),
                                   PlotSeries(name: "given", points: given, style: .points),
                                   PlotSeries(name: "hidden", points: hidden, style: .points)],
                          bands: [PlotBand(name: "90% interval", x: pts.map(\.time), lower: pts.map(\.q05), upper: pts.map(\.q95), seriesIndex: 0)])
    }

    /// Goodness of fit: observed against the point forecast (median) of every kept prediction of
    /// `forecaster` (at k = `given` when set, else all k pooled), log–log axes by default.
    public static func goodnessOfFit(result: EvaluationResult, forecaster: String, given k: Int? = nil, log: Bool = true,
                                     unit: String? = nil) -> PlotFigure {
        let r = result.predictions.filter { $0.forecaster == forecaster && (k == nil || $0.given == k!) }
        let which = k.map { "k = \($0)" } ?? "k = " + result.given.map(String.init).joined(separator: ",")
        return PlotFigure.observedVsPredicted(title: "\(result.study): \(forecaster), observed vs predicted (\(which))",
                                              observed: r.map(\.observed), predicted: r.map(\.median), log: log, unit: unit)
    }

    /// Visual predictive check. Observations (positive, post-dose, parent) are grouped into `bins` bins of time
    /// after dose with equal counts; the lines are the observed 5th, 50th and 95th percentiles per bin (R type 7).
    /// - When `forecaster` is a `SubjectSimulator` (e.g. NLME): `replicates` simulated copies of the study; per
    ///   replicate and bin the 5th/50th/95th percentiles of the simulated values at the same times; the bands are
    ///   the 5 %–95 % range of each percentile across replicates (the classic VPC).
    /// - Otherwise (prediction-interval form): every subject's k = 0 forecast given all other subjects at its
    ///   own observation times; the bands span, across the subjects observed in the bin, their predicted 5 %,
    ///   50 % and 95 % quantiles (min to max).
    /// A well-calibrated model puts each observed line inside its band.
    public static func vpc(study: Study, forecaster: any Forecaster, seed: UInt64 = 0, bins: Int = 8, replicates: Int = 200,
                           logY: Bool = false) throws -> PlotFigure {
        // Observed rows: (subject index, observation index within the parent observations, tad, value).
        var rows: [(subject: Int, index: Int, tad: Double, y: Double)] = []
        for (t, s) in study.subjects.enumerated() {
            guard let t0 = s.firstDoseTime else { continue }
            for (j, o) in s.observations.filter({ $0.output == 0 }).enumerated() where o.time > t0 && o.value > 0 && !o.censored {
                rows.append((t, j, o.time - t0, o.value))
            }
        }
        guard !rows.isEmpty else { throw EvaluationError.noContextProfile(forecaster: forecaster.name, output: 0) }
        rows.sort { $0.tad < $1.tad }
        let nb = max(1, min(bins, rows.count))
        let binRanges = (0..<nb).map { b in (b * rows.count / nb)..<((b + 1) * rows.count / nb) }.filter { !$0.isEmpty }
        let x = binRanges.map { r in rows[r].map(\.tad).reduce(0, +) / Double(r.count) }
        func percentiles(_ v: [Double]) -> [Double] { let s = v.sorted(); return [0.05, 0.5, 0.95].map { Metrics.quantile(sorted: s, $0) } }
        let observed = binRanges.map { percentiles(rows[$0].map(\.y)) }
        var bands: [[(Double, Double)]] = [[], [], []]
        let form: String
        if let simulator = forecaster as? SubjectSimulator {
            form = "\(replicates) simulated studies"
            let reps = try simulator.simulateReplicates(of: study, replicates: replicates, seed: seed)
            let parents = reps.map { rep in rep.map { $0.observations.filter { $0.output == 0 }.map(\.value) } }
            for r in binRanges {
                var perRep: [[Double]] = [[], [], []]
                for rep in parents {
                    let p = percentiles(rows[r].map { rep[$0.subject][$0.index] })
                    for i in 0..<3 { perRep[i].append(p[i]) }
                }
                for i in 0..<3 {
                    let s = perRep[i].sorted()
                    bands[i].append((Metrics.quantile(sorted: s, 0.05), Metrics.quantile(sorted: s, 0.95)))
                }
            }
        } else {
            form = "k = 0 predictive quantiles"
            var q: [Int: [Int: ForecastPoint]] = [:]   // subject → observation index → forecast
            for t in Set(rows.map(\.subject)).sorted() {
                let s = study.subjects[t]
                let idx = rows.filter { $0.subject == t }.map(\.index).sorted()
                let parent = s.observations.filter { $0.output == 0 }
                let context = study.subjects.enumerated().filter { $0.offset != t }.map(\.element)
                let f = try forecaster.forecast(ForecastRequest(context: context, target: ProtocolSplit(subject: s, given: 0).visible,
                                                                queryTimes: idx.map { parent[$0].time }, output: 0,
                                                                seed: Evaluation.seed(seed, given: 0, target: t)))
                q[t] = Dictionary(uniqueKeysWithValues: zip(idx, f.points))
            }
            for r in binRanges {
                let pts = rows[r].map { q[$0.subject]![$0.index]! }
                for (i, v) in [pts.map(\.q05), pts.map(\.median), pts.map(\.q95)].enumerated() { bands[i].append((v.min()!, v.max()!)) }
            }
        }
        return PlotFigure.vpc(title: "\(study.name): \(forecaster.name), VPC (\(form))", observed: rows.map { PlotPoint($0.tad, $0.y) }, x: x,
                              simulated: [("predicted 5%", bands[0].map(\.0), bands[0].map(\.1)),
                                          ("predicted 50%", bands[1].map(\.0), bands[1].map(\.1)),
                                          ("predicted 95%", bands[2].map(\.0), bands[2].map(\.1))],
                              observedPercentiles: [("observed 5%", observed.map { $0[0] }), ("observed 50%", observed.map { $0[1] }),
                                                    ("observed 95%", observed.map { $0[2] })],
                              logY: logY, xLabel: "time after dose (\(study.units.time ?? "h"))",
                              yLabel: PlotFigure.concentrationLabel(study.units))
    }
}
