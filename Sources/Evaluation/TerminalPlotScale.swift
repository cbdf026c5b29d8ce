/// One plot axis: a data interval mapped onto [0, 1], linearly or in log10, with its tick values.
///
/// `PlotScale.nice(…)` widens the data range to round tick values: steps of 1, 2 or 5 × 10^k on a linear axis;
/// decades on a log axis spanning at least two decades, else 1-2-5 multiples of each decade.
public struct PlotScale: Hashable, Sendable {
    public var min: Double
    public var max: Double
    public var log: Bool
    public var ticks: [Double]

    /// Position of `v` in [0, 1] (outside for values outside the range); nil when not drawable (≤ 0 on log, non-finite).
    public func position(_ v: Double) -> Double? {
        guard v.isFinite, !log || v > 0 else { return nil }
        if log { return (Foundation.log10(v) - Foundation.log10(min)) / (Foundation.log10(max) - Foundation.log10(min)) }
        return (v - min) / (max - min)
    }

    public static func nice(_ range: (Double, Double)?, log: Bool, targetTicks: Int) -> PlotScale {
        let target = Swift.max(2, targetTicks)
        guard var (lo, hi) = range, lo.isFinite, hi.isFinite, (hi - lo).isFinite, Swift.abs(hi) < 1e300, Swift.abs(lo) < 1e300 else {
            return log ? PlotScale(min: 1, max: 10, log: true, ticks: [1, 10]) : PlotScale(min: 0, max: 1, log: false, ticks: [0, 0.5, 1])
        }
        if log {
            if lo == hi { lo /= 2; hi *= 2 }
            let d0 = Foundation.floor(Foundation.log10(lo)), d1 = Foundation.ceil(Foundation.log10(hi))
            if d1 - d0 >= 2 {
                var decades = Array(stride(from: d0, through: d1, by: 1))
                let skip = Int(Foundation.ceil(Double(decades.count) / Double(target + 1)))
                if skip > 1 { decades = decades.enumerated().filter { $0.offset % skip == 0 }.map(\.element) }
                let ticks = decades.map { Foundation.pow(10, $0) }
                return PlotScale(min: Foundation.pow(10, d0), max: Foundation.pow(10, d1), log: true, ticks: ticks)
            }
            var candidates: [Double] = []
            for d in stride(from: d0 - 1, through: d1, by: 1) { for m in [1.0, 2, 5] { candidates.append(m * Foundation.pow(10, d)) } }
            let below = candidates.last { $0 <= lo * (1 + 1e-12) } ?? lo
            let above = candidates.first { $0 >= hi * (1 - 1e-12) } ?? hi
            let ticks = candidates.filter { $0 >= below * (1 - 1e-12) && $0 <= above * (1 + 1e-12) }
            return PlotScale(min: below, max: above, log: true, ticks: ticks)
        }
        if lo == hi { lo -= lo == 0 ? 1 : Swift.abs(lo) * 0.5; hi += hi == 0 ? 1 : Swift.abs(hi) * 0.5 }
        let raw = (hi - lo) / Double(target)
        let magnitude = Foundation.pow(10, Foundation.floor(Foundation.log10(raw)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= raw * (1 - 1e-9) } ?? 10 * magnitude
        let first = Foundation.floor(lo / step + 1e-9), last = Foundation.ceil(hi / step - 1e-9)
        let ticks = stride(from: first, through: last, by: 1).map { $0 * step }.map { Swift.abs($0) < step * 1e-9 ? 0 : $0 }
        return PlotScale(min: first * step, max: last * step, log: false, ticks: ticks)
    }

    /// Tick label: fixed decimals suited to the step on a linear axis ("0.25", "10"), `%g` style on a log axis.
    public func label(_ v: Double) -> String {
        if log || Swift.abs(v) >= 1e5 || (v != 0 && Swift.abs(v) < 1e-3) { return String(format: "%g", v) }
        let step = ticks.count > 1 ? Swift.abs(ticks[1] - ticks[0]) : Swift.abs(v)
        let decimals = step > 0 ? Swift.max(0, Int(-Foundation.floor(Foundation.log10(step) + 1e-9))) : 0
        return String(format: "%.\(decimals)f", v)
    }
}

import Foundation

extension PlotScale {
    /// Inverse of `position`: the data value at position `p` in [0, 1].
    public func value(at p: Double) -> Double {
        if log { return Foundation.pow(10, Foundation.log10(min) + p * (Foundation.log10(max) - Foundation.log10(min))) }
        return min + p * (max - min)
    }
}
