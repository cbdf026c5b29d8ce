import PKData

/// The figure kinds of the workbench, shared by `TerminalPlot` and `SVGPlot`.
extension PlotFigure {
    /// Concentration–time profiles: one series (lines and markers) per subject, observations of `output`.
    /// Axis labels carry the study's units ("time (h)", "concentration (mg/L)").
    public static func profiles(study: Study, subjectIDs: [String]? = nil, output: Int = 0, logY: Bool = false) -> PlotFigure {
        let chosen = subjectIDs.map { ids in study.subjects.filter { ids.contains($0.id) } } ?? study.subjects
        let series = chosen.map { s in
            PlotSeries(name: s.id, points: s.observations.filter { $0.output == output }.map { PlotPoint($0.time, $0.value) })
        }
        return PlotFigure(title: study.name + (output == 0 ? "" : " (output \(output))"), xLabel: timeLabel(study.units),
                          yLabel: concentrationLabel(study.units), logY: logY, series: series)
    }

    /// Individual fit or forecast: observed points, the forecast median as a line and its q05–q95 band.
    public static func individualFit(title: String, observed: [PlotPoint], forecast: [ForecastPoint], logY: Bool = false,
                                     xLabel: String = "time (h)", yLabel: String = "concentration") -> PlotFigure {
        let sorted = forecast.sorted { $0.time < $1.time }
        return PlotFigure(title: title, xLabel: xLabel, yLabel: yLabel, logY: logY,
                          series: [PlotSeries(name: "observed", points: observed, style: .points),
                                   PlotSeries(name: "median", points: sorted.map { PlotPoint($0.time, $0.median) }, style: .line)],
                          bands: [PlotBand(name: "90% interval", x: sorted.map(\.time), lower: sorted.map(\.q05), upper: sorted.map(\.q95), seriesIndex: 1)])
    }

    /// Observed (y) against predicted (x) with the identity line y = x over the joint range.
    public static func observedVsPredicted(title: String, observed: [Double], predicted: [Double], log: Bool = false,
                                           unit: String? = nil) -> PlotFigure {
        precondition(observed.count == predicted.count, "observedVsPredicted: one prediction per observation")
        let pairs = zip(predicted, observed).filter { $0.isFinite && $1.isFinite && (!log || ($0 > 0 && $1 > 0)) }
        let all = pairs.flatMap { [$0.0, $0.1] }
        var series = [PlotSeries(name: "observations", points: pairs.map { PlotPoint($0.0, $0.1) }, style: .points)]
        if let lo = all.min(), let hi = all.max() {
            series.insert(PlotSeries(name: "identity", points: [PlotPoint(lo, lo), PlotPoint(hi, hi)], style: .line, dashed: true), at: 0)
        }
        let suffix = unit.map { " (\($0))" } ?? ""
        return PlotFigure(title: title, xLabel: "predicted" + suffix, yLabel: "observed" + suffix, logX: log, logY: log, series: series)
    }

    /// Visual predictive check: observed points, simulated percentile intervals as bands (e.g. the 90% intervals of
    /// the 5th, 50th and 95th percentiles per time bin) and the observed percentiles as lines, over bin times `x`.
    public static func vpc(title: String, observed: [PlotPoint], x: [Double],
                           simulated: [(name: String, lower: [Double], upper: [Double])],
                           observedPercentiles: [(name: String, values: [Double])], logY: Bool = false,
                           xLabel: String = "time (h)", yLabel: String = "concentration") -> PlotFigure {
        PlotFigure(title: title, xLabel: xLabel, yLabel: yLabel, logY: logY,
                   series: [PlotSeries(name: "observed", points: observed, style: .points)]
                       + observedPercentiles.map { PlotSeries(name: $0.name, points: zip(x, $0.values).map { PlotPoint($0, $1) }, style: .line) },
                   bands: simulated.enumerated().map { i, b in
                       PlotBand(name: b.name, x: x, lower: b.lower, upper: b.upper,
                                seriesIndex: i < observedPercentiles.count ? i + 1 : nil)
                   })
    }

    static func timeLabel(_ units: StudyUnits) -> String { "time (\(units.time ?? "h"))" }
    static func concentrationLabel(_ units: StudyUnits) -> String { "concentration" + (units.concentration.map { " (\($0))" } ?? "") }
}
