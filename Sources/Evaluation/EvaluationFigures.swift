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

    /// Visual predictive check (prediction-interval form): every subject's k = 0 forecast given all other
    /// subjects (a brand-new subject, as the protocol's k = 0) at its own observation times. Observations are
    /// grouped into `bins` time-after-dose bins with equal counts; per bin the bands span, across the subjects
    /// observed in the bin, the predicted 5 %, 50 % and 95 % quantiles (min to max), and the lines are the
    /// observed 5th, 50th and 95th percentiles (R type 7). A well-calibrated model puts each line in its band.
    public static func vpc(study: Study, forecaster: any Forecaster, seed: UInt64 = 0, bins: Int = 8,
                           logY: Bool = false) throws -> PlotFigure {
        var rows: [(tad: Double, y: Double, q05: Double, q50: Double, q95: Double)] = []
        for (t, s) in study.subjects.enumerated() {
            guard let t0 = s.firstDoseTime else { continue }
            let obs = s.observations.filter { $0.output == 0 && $0.time > t0 && $0.value > 0 && !$0.censored }
            guard !obs.isEmpty else { continue }
            let split = ProtocolSplit(subject: s, given: 0)
            let context = study.subjects.enumerated().filter { $0.offset != t }.map(\.element)
            let f = try forecaster.forecast(ForecastRequest(context: context, target: split.visible, queryTimes: obs.map(\.time),
                                                            output: 0, seed: Evaluation.seed(seed, given: 0, target: t)))
            for (o, p) in zip(obs, f.points) { rows.append((o.time - t0, o.value, p.q05, p.median, p.q95)) }
        }
        guard !rows.isEmpty else { throw EvaluationError.noContextProfile(forecaster: forecaster.name, output: 0) }
        rows.sort { $0.tad < $1.tad }
        let nb = max(1, min(bins, rows.count))
        var x: [Double] = [], obs5: [Double] = [], obs50: [Double] = [], obs95: [Double] = []
        var bands: [[(Double, Double)]] = [[], [], []]
        for b in 0..<nb {
            let lo = b * rows.count / nb, hi = (b + 1) * rows.count / nb
            guard hi > lo else { continue }
            let bin = rows[lo..<hi]
            x.append(bin.map(\.tad).reduce(0, +) / Double(bin.count))
            let ys = bin.map(\.y).sorted()
            obs5.append(Metrics.quantile(sorted: ys, 0.05)); obs50.append(Metrics.quantile(sorted: ys, 0.5)); obs95.append(Metrics.quantile(sorted: ys, 0.95))
            for (i, q) in [bin.map(\.q05), bin.map(\.q50), bin.map(\.q95)].enumerated() { bands[i].append((q.min()!, q.max()!)) }
        }
        let points = rows.map { PlotPoint($0.tad, $0.y) }
        return PlotFigure.vpc(title: "\(study.name): \(forecaster.name), VPC (k = 0 predictive quantiles)", observed: points, x: x,
                              simulated: [("predicted 5%", bands[0].map(\.0), bands[0].map(\.1)),
                                          ("predicted 50%", bands[1].map(\.0), bands[1].map(\.1)),
                                          ("predicted 95%", bands[2].map(\.0), bands[2].map(\.1))],
                              observedPercentiles: [("observed 5%", obs5), ("observed 50%", obs50), ("observed 95%", obs95)],
                              logY: logY, xLabel: "time after dose (\(study.units.time ?? "h"))",
                              yLabel: PlotFigure.concentrationLabel(study.units))
    }
}
