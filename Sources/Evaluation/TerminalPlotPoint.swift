/// One (x, y) point of a plotted series, in data units (e.g. hours, mg/L).
public struct PlotPoint: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
}
