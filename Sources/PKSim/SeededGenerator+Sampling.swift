import Foundation
import PKData

extension SeededGenerator {
    /// Uniform on the range (its lower bound when the range is a point).
    public mutating func uniform(_ r: UniformRange) -> Double { r.lo == r.hi ? r.lo : uniform(r.lo, r.hi) }

    /// Log-uniform on the range (lo > 0): exp of a uniform draw on [ln lo, ln hi].
    public mutating func logUniform(_ r: UniformRange) -> Double { exp(uniform(UniformRange(log(r.lo), log(r.hi)))) }

    /// Uniform integer in lo...hi.
    public mutating func integer(_ lo: Int, _ hi: Int) -> Int {
        precondition(lo <= hi, "integer(\(lo), \(hi)): empty range")
        return lo + Int(next() % UInt64(hi - lo + 1))
    }

    /// Index drawn with probability proportional to `weights` (non-negative, not all zero).
    public mutating func pick(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        precondition(total > 0, "pick: weights sum to zero")
        var u = uniform() * total
        for (i, w) in weights.enumerated() {
            if u < w { return i }
            u -= w
        }
        return weights.lastIndex { $0 > 0 }!
    }

    /// true with probability p.
    public mutating func bernoulli(_ p: Double) -> Bool { p > 0 && uniform() < p }
}
