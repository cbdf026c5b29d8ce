import Foundation

/// Adaptive Dormand–Prince 5(4) integrator (Hairer & Wanner's DOPRI5 tableau, FSAL) with the 4th-order
/// continuous extension for dense output. Error control per step: RMS over components of
/// e_i / (atol + rtol·max(|y_i|, |ŷ_i|)) ≤ 1. Global error is typically ≲ 10·rtol relative for the smooth,
/// stable linear systems of PK models.
public struct RK45: Sendable {
    public var rtol: Double
    public var atol: Double
    public var maxSteps: Int

    public init(rtol: Double = 1e-9, atol: Double = 1e-14, maxSteps: Int = 1_000_000) {
        self.rtol = rtol; self.atol = atol; self.maxSteps = maxSteps
    }

    /// Counters of one `integrate` call.
    public struct Stats: Sendable { public var accepted = 0; public var rejected = 0; public var evaluations = 0 }

    /// Integrates y' = f(t, y) from t0 to t1 (t1 ≥ t0), updating `y` to y(t1). For each of `outputs`
    /// (non-decreasing, inside [t0, t1]) `record(k, y(outputs[k]))` is called from the dense output.
    /// `f(t, y, dy)` writes dy. Precondition failure after `maxSteps` steps (a stiff or unstable system).
    @discardableResult
    public func integrate(from t0: Double, to t1: Double, y: inout [Double], outputs: [Double] = [],
                          record: (Int, [Double]) -> Void = { _, _ in },
                          f: (Double, [Double], inout [Double]) -> Void) -> Stats {
        var stats = Stats()
        let n = y.count
        var iOut = 0
        while iOut < outputs.count && outputs[iOut] <= t0 { record(iOut, y); iOut += 1 }
        if t1 <= t0 || n == 0 { return stats }
        var k1 = [Double](repeating: 0, count: n), k2 = k1, k3 = k1, k4 = k1, k5 = k1, k6 = k1, k7 = k1
        var yt = k1, ynew = k1, yd = k1
        f(t0, y, &k1); stats.evaluations += 1
        // Initial step (Hairer's heuristic, simplified): h = 0.01·‖y‖/‖f‖ scaled, capped to the span.
        var d0 = 0.0, d1 = 0.0
        for i in 0..<n {
            let sc = atol + rtol * abs(y[i])
            d0 += (y[i] / sc) * (y[i] / sc); d1 += (k1[i] / sc) * (k1[i] / sc)
        }
        var h = (d0 < 1e-10 || d1 < 1e-10) ? 1e-6 : 0.01 * (d0 / d1).squareRoot()
        h = min(max(h, 1e-12 * max(1, abs(t0))), t1 - t0)
        var t = t0
        while t < t1 {
            if stats.accepted + stats.rejected >= maxSteps {
                preconditionFailure("RK45: more than \(maxSteps) steps between t = \(t0) and \(t1)")
            }
            if t + h > t1 || t1 - (t + h) < 1e-12 * h { h = t1 - t }
            for i in 0..<n { yt[i] = y[i] + h * (0.2 * k1[i]) }
            f(t + 0.2 * h, yt, &k2)
            for i in 0..<n { yt[i] = y[i] + h * (3.0 / 40 * k1[i] + 9.0 / 40 * k2[i]) }
            f(t + 0.3 * h, yt, &k3)
            for i in 0..<n { yt[i] = y[i] + h * (44.0 / 45 * k1[i] - 56.0 / 15 * k2[i] + 32.0 / 9 * k3[i]) }
            f(t + 0.8 * h, yt, &k4)
            for i in 0..<n {
                yt[i] = y[i] + h * (19372.0 / 6561 * k1[i] - 25360.0 / 2187 * k2[i] + 64448.0 / 6561 * k3[i] - 212.0 / 729 * k4[i])
            }
            f(t + 8.0 / 9 * h, yt, &k5)
            for i in 0..<n {
                yt[i] = y[i] + h * (9017.0 / 3168 * k1[i] - 355.0 / 33 * k2[i] + 46732.0 / 5247 * k3[i]
                                    + 49.0 / 176 * k4[i] - 5103.0 / 18656 * k5[i])
            }
            f(t + h, yt, &k6)
            for i in 0..<n {
                ynew[i] = y[i] + h * (35.0 / 384 * k1[i] + 500.0 / 1113 * k3[i] + 125.0 / 192 * k4[i]
                                      - 2187.0 / 6784 * k5[i] + 11.0 / 84 * k6[i])
            }
            f(t + h, ynew, &k7)
            stats.evaluations += 6
            var err = 0.0
            for i in 0..<n {
                let e = h * (71.0 / 57600 * k1[i] - 71.0 / 16695 * k3[i] + 71.0 / 1920 * k4[i]
                             - 17253.0 / 339200 * k5[i] + 22.0 / 525 * k6[i] - 1.0 / 40 * k7[i])
                let sc = atol + rtol * max(abs(y[i]), abs(ynew[i]))
                err += (e / sc) * (e / sc)
            }
            err = (err / Double(n)).squareRoot()
            if err <= 1 || h <= 1e-14 * max(1, abs(t)) {
                stats.accepted += 1
                let tNew = t + h == t1 ? t1 : t + h
                // Dense output on (t, tNew].
                if iOut < outputs.count && outputs[iOut] <= tNew {
                    while iOut < outputs.count && outputs[iOut] <= tNew {
                        let th = (outputs[iOut] - t) / h, th1 = 1 - th
                        for i in 0..<n {
                            let ydiff = ynew[i] - y[i]
                            let bspl = h * k1[i] - ydiff
                            let r4 = ydiff - h * k7[i] - bspl
                            let r5 = h * (-12715105075.0 / 11282082432 * k1[i] + 87487479700.0 / 32700410799 * k3[i]
                                          - 10690763975.0 / 1880347072 * k4[i] + 701980252875.0 / 199316789632 * k5[i]
                                          - 1453857185.0 / 822651844 * k6[i] + 69997945.0 / 29380423 * k7[i])
                            yd[i] = y[i] + th * (ydiff + th1 * (bspl + th * (r4 + th1 * r5)))
                        }
                        record(iOut, outputs[iOut] == tNew ? ynew : yd)
                        iOut += 1
                    }
                }
                swap(&y, &ynew)
                swap(&k1, &k7)                      // FSAL
                t = tNew
                let fac = err == 0 ? 5 : min(5, max(0.2, 0.9 * pow(err, -0.2)))
                h *= fac
            } else {
                stats.rejected += 1
                h *= max(0.2, 0.9 * pow(err, -0.2))
            }
        }
        return stats
    }
}
