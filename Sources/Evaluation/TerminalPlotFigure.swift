/// What a plot shows, independent of where it is drawn (`TerminalPlot` for the terminal, `SVGPlot` for reports).
/// Bands are drawn first, then series in order (later series on top). Axis ranges are computed from all
/// series points and band limits, extended to "nice" tick values; on a log axis non-positive values are left out.
public struct PlotFigure: Hashable, Sendable {
    public var title: String?
    public var xLabel: String
    public var yLabel: String
    public var logX: Bool
    public var logY: Bool
    public var series: [PlotSeries]
    public var bands: [PlotBand]

    public init(title: String? = nil, xLabel: String = "", yLabel: String = "", logX: Bool = false, logY: Bool = false,
                series: [PlotSeries] = [], bands: [PlotBand] = []) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.logX = logX; self.logY = logY
        self.series = series; self.bands = bands
    }

    /// Data ranges (nil when there is nothing to show on that axis).
    func dataRange(x: Bool) -> (Double, Double)? {
        let log = x ? logX : logY
        var values: [Double] = series.flatMap { $0.points.map { x ? $0.x : $0.y } }
        for b in bands { values += x ? b.x : (b.lower + b.upper) }
        let usable = values.filter { $0.isFinite && (!log || $0 > 0) }
        guard let lo = usable.min(), let hi = usable.max() else { return nil }
        return (lo, hi)
    }

    /// Number of points hidden because they are ≤ 0 on a log axis.
    var hiddenOnLogAxis: Int {
        series.reduce(0) { n, s in n + s.points.filter { (logY && $0.y <= 0) || (logX && $0.x <= 0) }.count }
    }
}
