/// A line/scatter plot to render (in the terminal by the Shell, or as SVG for reports).
/// Coordinates are in data units; `logY` asks for a log10 y axis (non-positive y values are skipped).
public struct Plot: Sendable {
    public struct Series: Sendable {
        public var name: String
        /// (x, y) points sorted by x.
        public var points: [(x: Double, y: Double)]
        public init(name: String, points: [(x: Double, y: Double)]) { self.name = name; self.points = points }
    }
    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var logY: Bool
    public var series: [Series]

    public init(title: String, xLabel: String, yLabel: String, logY: Bool = false, series: [Series]) {
        self.title = title; self.xLabel = xLabel; self.yLabel = yLabel; self.logY = logY; self.series = series
    }
}
