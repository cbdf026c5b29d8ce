import Foundation
import PKData

/// A subject's positive, uncensored post-first-dose observations of one output as a profile of
/// log-concentration against time after the first dose (sorted by time; ties averaged in log space).
struct LogProfile {
    var times: [Double]
    var logValues: [Double]
    /// Amount of the first dose (for dose normalisation); nil when the subject has no dose.
    var firstDoseAmount: Double?

    init(subject: Subject, output: Int) {
        let t0 = subject.firstDoseTime ?? -Double.infinity
        let obs = subject.observations.filter { $0.output == output && $0.time > t0 && $0.value > 0 && !$0.censored }
            .sorted { $0.time < $1.time }
        var ts: [Double] = [], ls: [Double] = [], counts: [Double] = []
        let origin = t0.isFinite ? t0 : 0
        for o in obs {
            let tad = o.time - origin
            if let last = ts.last, last == tad {
                let n = counts[counts.count - 1]
                ls[ls.count - 1] = (ls[ls.count - 1] * n + log(o.value)) / (n + 1)
                counts[counts.count - 1] = n + 1
            } else { ts.append(tad); ls.append(log(o.value)); counts.append(1) }
        }
        times = ts; logValues = ls; firstDoseAmount = subject.doses.first?.amount
    }

    var isEmpty: Bool { times.isEmpty }

    /// Log-concentration at time-after-dose `tad`: linear interpolation in log space between neighbouring
    /// observations, constant (the first / last value) outside the observed range. Requires `!isEmpty`.
    func logValue(at tad: Double) -> Double {
        if tad <= times[0] { return logValues[0] }
        if tad >= times[times.count - 1] { return logValues[times.count - 1] }
        var hi = 1
        while times[hi] < tad { hi += 1 }
        let lo = hi - 1
        let w = (tad - times[lo]) / (times[hi] - times[lo])
        return logValues[lo] + w * (logValues[hi] - logValues[lo])
    }
}
