/// A labelled series of a figure, drawn as a polyline (in the given point order), as markers, or both.
/// `dashed` only affects SVG output. Points with non-finite coordinates (or y ≤ 0 on a log axis) break the line.
public struct PlotSeries: Hashable, Sendable {
    public enum Style: Hashable, Sendable { case line, points, lineAndPoints }
    public var name: String
    public var points: [PlotPoint]
    public var style: Style
    public var dashed: Bool

    public init(name: String, points: [PlotPoint], style: Style = .lineAndPoints, dashed: Bool = false) {
        self.name = name; self.points = points; self.style = style; self.dashed = dashed
    }

    var drawsLine: Bool { style != .points }
    var drawsPoints: Bool { style != .line }
}
