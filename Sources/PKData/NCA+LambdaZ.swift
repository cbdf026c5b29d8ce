extension NCA {
    struct LambdaZFit {
        var lambda: Double
        var times: [Double]
        var r2: Double
        var adjustedR2: Double
    }

    /// Best-adjusted-R² terminal fit (see `NCA`): candidates are the positive samples strictly after `tmax`;
    /// for each k ≥ 3, fit ln C = a − λ t to the last k. Returns nil when no fit has λ > 0.
    static func lambdaZ(points: [(t: Double, c: Double)], tmax: Double) -> LambdaZFit? {
        let candidates = points.filter { $0.t > tmax && $0.c > 0 }
        guard candidates.count >= 3 else { return nil }
        var fits: [LambdaZFit] = []
        for k in 3...candidates.count {
            let use = candidates.suffix(k)
            let xs = use.map(\.t), ys = use.map { Foundation.log($0.c) }
            let n = Double(k)
            let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
            var sxx = 0.0, sxy = 0.0, syy = 0.0
            for (x, y) in zip(xs, ys) { sxx += (x - mx) * (x - mx); sxy += (x - mx) * (y - my); syy += (y - my) * (y - my) }
            guard sxx > 0 else { continue }
            let slope = sxy / sxx
            guard slope < 0 else { continue }
            let r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1
            fits.append(LambdaZFit(lambda: -slope, times: xs, r2: r2, adjustedR2: 1 - (1 - r2) * (n - 1) / (n - 2)))
        }
        guard let top = fits.map(\.adjustedR2).max() else { return nil }
        return fits.last { $0.adjustedR2 >= top - 1e-4 }
    }
}

import Foundation
