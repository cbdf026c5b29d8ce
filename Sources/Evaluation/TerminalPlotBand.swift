/// A shaded band between `lower` and `upper` over `x` (same lengths, x increasing), e.g. a forecast's q05–q95
/// or a VPC prediction interval. Between two x values the limits are interpolated linearly.
/// `seriesIndex` names the figure series whose colour the band takes in SVG (nil: grey).
public struct PlotBand: Hashable, Sendable {
    public var name: String
    public var x: [Double]
    public var lower: [Double]
    public var upper: [Double]
    public var seriesIndex: Int?

    public init(name: String, x: [Double], lower: [Double], upper: [Double], seriesIndex: Int? = nil) {
        precondition(x.count == lower.count && x.count == upper.count, "PlotBand: x, lower, upper must have the same length")
        self.name = name; self.x = x; self.lower = lower; self.upper = upper; self.seriesIndex = seriesIndex
    }

    /// The (lower, upper) limits at `t`, nil outside the band's x range.
    func limits(at t: Double) -> (Double, Double)? {
        guard let first = x.first, let last = x.last, t >= first, t <= last else { return nil }
        guard let j = x.firstIndex(where: { $0 >= t }) else { return nil }
        if x[j] == t || j == 0 { return (lower[j], upper[j]) }
        let w = (t - x[j - 1]) / (x[j] - x[j - 1])
        return (lower[j - 1] + w * (lower[j] - lower[j - 1]), upper[j - 1] + w * (upper[j] - upper[j - 1]))
    }
}
