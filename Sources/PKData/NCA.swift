/// Non-compartmental analysis (NCA) of single-dose profiles.
///
/// Rules, per subject and output:
/// - The first dose is the reference: times are taken relative to it. Samples before it (earlier time, or the
///   same time on an earlier file row, like Theoph's pre-dose sample) are excluded from the post-dose AUC, with a note.
/// - BLQ samples before the first quantifiable one count as 0; later BLQ samples are excluded (noted).
/// - With several doses only the samples before the second dose are used; AUCinf and clearance are then not
///   computed (they assume a single dose), and a note says so.
/// - AUC starts at the dose with C = 0 (oral or infusion), or for an IV bolus with C0 back-extrapolated
///   log-linearly from the first two samples (the first sample when they do not decline).
/// - AUClast: linear trapezoid when the concentration rises or stays, log trapezoid when it falls (both > 0).
/// - λz: log-linear least squares over the last k ≥ 3 positive samples strictly after Tmax; the k with the
///   best adjusted R² wins (within 1e-4 of the best, the largest k). λz must be > 0.
/// - t½ = ln 2 / λz; AUCinf = AUClast + Clast / λz (noted when > 20 % extrapolated); CL(/F) = dose / AUCinf,
///   for the parent (output 0) only.
public enum NCA {
    public static func analyze(subject: Subject, output: Int = 0) -> NCAResult {
        var r = NCAResult(subjectID: subject.id, output: output)
        guard let dose = subject.doses.first else {
            r.notes.append("no dose: NCA needs a dose")
            return r
        }
        r.route = dose.route; r.dose = dose.amount; r.doseTime = dose.time
        let all = subject.observations.filter { $0.output == output }
        let pre = all.filter { $0.time < dose.time || ($0.time == dose.time && ($0.row ?? Int.max) < (dose.row ?? Int.max)) }
        if !pre.isEmpty {
            let values = pre.map { NONMEMReader.fmt($0.value) }.joined(separator: ", ")
            r.notes.append("\(pre.count) pre-dose sample(s) excluded from the post-dose AUC (C = \(values))")
        }
        var post = all.filter { o in !pre.contains(where: { $0 == o }) }
        let secondDose = subject.doses.dropFirst().first { $0.time > dose.time }
        if subject.doses.count > 1 {
            if let next = secondDose { post = post.filter { $0.time < next.time } }
            r.notes.append("\(subject.doses.count) doses: samples after the second dose not used; AUCinf and \(r.clearanceLabel) not computed (single-dose formulas)")
        }
        // Censoring: leading BLQ → 0, later BLQ → excluded.
        var points: [(t: Double, c: Double)] = []
        var excludedBLQ = 0
        var sawQuantified = false
        for o in post {
            if o.censored {
                if sawQuantified { excludedBLQ += 1 } else { points.append((o.time - dose.time, 0)) }
            } else {
                sawQuantified = true
                points.append((o.time - dose.time, o.value))
            }
        }
        if excludedBLQ > 0 { r.notes.append("\(excludedBLQ) BLQ sample(s) after the first quantified one excluded") }
        r.samples = points.count
        guard let peak = points.max(by: { $0.c < $1.c }), peak.c > 0 else {
            r.notes.append(points.isEmpty ? "no post-dose samples" : "no positive post-dose concentration")
            return r
        }
        r.cmax = peak.c; r.tmax = peak.t
        let lastIndex = points.lastIndex { $0.c > 0 }!
        r.clast = points[lastIndex].c; r.tlast = points[lastIndex].t

        // AUC from the dose to tlast.
        var curve = Array(points[...lastIndex])
        if curve[0].t > 0 {
            var c0 = 0.0
            if dose.route == .iv && !dose.isInfusion {
                if curve.count >= 2, curve[0].c > curve[1].c, curve[1].c > 0 {
                    let slope = (Foundation.log(curve[1].c) - Foundation.log(curve[0].c)) / (curve[1].t - curve[0].t)
                    c0 = curve[0].c * Foundation.exp(-slope * curve[0].t)
                    r.notes.append("IV bolus: C0 back-extrapolated to \(String(format: "%.4g", c0))")
                } else {
                    c0 = curve[0].c
                    r.notes.append("IV bolus: first samples do not decline, C0 taken as the first sample")
                }
            }
            curve.insert((0, c0), at: 0)
        }
        r.auclast = auc(curve)

        if let fit = lambdaZ(points: Array(points[...lastIndex]), tmax: peak.t) {
            r.lambdaZ = fit.lambda; r.lambdaZTimes = fit.times; r.lambdaZR2 = fit.r2; r.lambdaZAdjustedR2 = fit.adjustedR2
            r.halfLife = Foundation.log(2) / fit.lambda
            if subject.doses.count == 1, let auclast = r.auclast, let clast = r.clast {
                let extra = clast / fit.lambda
                let aucinf = auclast + extra
                r.aucinf = aucinf
                r.aucExtrapolatedPercent = 100 * extra / aucinf
                if r.aucExtrapolatedPercent! > 20 {
                    r.notes.append(String(format: "AUCinf is %.0f%% extrapolated (> 20%%): interpret with care", r.aucExtrapolatedPercent!))
                }
                if output == 0 { r.clearance = dose.amount / aucinf } else {
                    r.notes.append("output \(output) is not the dosed drug: \(r.clearanceLabel) not computed")
                }
            }
        } else {
            r.notes.append("λz not estimable: fewer than 3 declining positive samples after Tmax")
        }
        return r
    }

    /// Analyses every subject of a study.
    public static func analyze(study: Study, output: Int = 0) -> [NCAResult] {
        study.subjects.map { analyze(subject: $0, output: output) }
    }

    /// Linear-up / log-down trapezoidal AUC over time-sorted points.
    static func auc(_ p: [(t: Double, c: Double)]) -> Double {
        var total = 0.0
        for i in 1..<max(1, p.count) {
            let dt = p[i].t - p[i - 1].t
            let (c1, c2) = (p[i - 1].c, p[i].c)
            if c2 < c1 && c2 > 0 {
                total += (c1 - c2) * dt / Foundation.log(c1 / c2)
            } else {
                total += (c1 + c2) * dt / 2
            }
        }
        return total
    }
}

import Foundation
