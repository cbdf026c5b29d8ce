/// A closed range [lo, hi] sampled uniformly per study (lo == hi gives a constant).
public struct UniformRange: Hashable, Codable, Sendable, CustomStringConvertible {
    public var lo: Double
    public var hi: Double
    public init(_ lo: Double, _ hi: Double) { self.lo = lo; self.hi = hi }
    public var description: String { lo == hi ? "\(lo)" : "[\(lo), \(hi)]" }
    public var isValid: Bool { lo.isFinite && hi.isFinite && lo <= hi }
}
