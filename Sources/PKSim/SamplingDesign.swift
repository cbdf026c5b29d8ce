import Foundation
import PKData

/// The canonical peak/half-life sampling grid of aicmet-model.md §1 and its randomised form, relative to
/// a dose given at time 0. T_peak is the time of the peak (oral: ln(ka/ke)/(ka − ke) from the typical ka,
/// ke; infusion: its duration; IV bolus: an early point min(T_half/4, 1 h), so the distribution phase is
/// sampled), T_half = ln 2 / ke.
public struct SamplingDesign: Hashable, Sendable {
    public var tPeak: Double
    public var tHalf: Double
    /// Last admissible time after the dose (h).
    public var horizon: Double
    public var maxSamples: Int

    public static let prePeakFractions: [Double] = [0.1, 0.2, 0.5, 0.8]
    public static let postPeakHalfLives: [Double] = [0.25, 0.5, 1, 2, 4, 6, 8, 9, 14, 19]

    public init(tPeak: Double, tHalf: Double, horizon: Double, maxSamples: Int = 15) {
        self.tPeak = tPeak; self.tHalf = tHalf; self.horizon = horizon; self.maxSamples = maxSamples
    }

    /// T_peak of first-order absorption and elimination (1/ka when ka = ke).
    public static func oralPeakTime(ka: Double, ke: Double) -> Double {
        abs(ka - ke) < 1e-12 * ka ? 1 / ka : log(ka / ke) / (ka - ke)
    }

    /// The design of a dose by route: oral (typical ka, ke), IV bolus, or infusion of `duration` h.
    public static func forDose(route: DoseRoute, duration: Double, ka: Double, ke: Double, horizon: Double,
                               maxSamples: Int = 15) -> SamplingDesign {
        let tHalf = log(2) / ke
        let tPeak: Double
        if route == .oral { tPeak = oralPeakTime(ka: ka, ke: ke) }
        else if duration > 0 { tPeak = duration }
        else { tPeak = min(tHalf / 4, 1) }
        return SamplingDesign(tPeak: tPeak, tHalf: tHalf, horizon: horizon, maxSamples: maxSamples)
    }

    /// Pre-peak points, the peak, then post-peak points, kept inside (0, horizon], at most `maxSamples`.
    public func canonical() -> [Double] {
        var t = Self.prePeakFractions.map { $0 * tPeak } + [tPeak] + Self.postPeakHalfLives.map { tPeak + $0 * tHalf }
        t = t.filter { $0 > 0 && $0 <= horizon }
        return Array(t.prefix(maxSamples))
    }

    /// Pre-peak points uniform on (0, T_peak), the peak, post-peak points uniform on
    /// (T_peak, min(T_peak + 19·T_half, horizon)); sorted, inside (0, horizon], at most `maxSamples`.
    public func randomised(rng: inout SeededGenerator) -> [Double] {
        var t: [Double] = []
        t.reserveCapacity(15)
        for _ in Self.prePeakFractions { t.append(rng.uniform(0, tPeak)) }
        t.append(tPeak)
        let end = min(tPeak + 19 * tHalf, horizon)
        if end > tPeak { for _ in Self.postPeakHalfLives { t.append(rng.uniform(tPeak, end)) } }
        t = t.filter { $0 > 0 && $0 <= horizon }.sorted()
        return Array(t.prefix(maxSamples))
    }

    /// A random subset of `count` points (sorted), or all of them when there are fewer.
    public static func subsample(_ times: [Double], count: Int, rng: inout SeededGenerator) -> [Double] {
        if times.count <= count { return times }
        var pool = times
        for i in 0..<count {                      // partial Fisher–Yates
            let j = rng.integer(i, pool.count - 1)
            pool.swapAt(i, j)
        }
        return pool.prefix(count).sorted()
    }
}
