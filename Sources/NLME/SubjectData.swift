import PKData

/// One subject prepared for the likelihood: its doses and the observations that enter it.
///
/// Kept: output-0 (parent), uncensored observations. Observations at or before the first dose (baseline,
/// predicted 0 by the model) enter only when the error model has an additive part (with a proportional-only
/// error their variance would be 0). Rejected with `NLMEError.unsupportedDose`: steady-state doses and oral
/// doses with a duration (zero-order absorption).
///
/// Weight normalisation (`NLMEModel.weightNormalised`): every clearance and volume of the subject is scaled
/// by WT/70 (the covariate "WT" in any letter case, baseline value), which for these linear models is the same as dividing each
/// dose amount by WT/70 — what dosing in mg/kg does (R's `Theoph$Dose`). A subject without WT is an error.
struct SubjectData: Sendable {
    let id: String
    let doses: [Dose]
    let times: [Double]
    let values: [Double]

    init(_ s: Subject, model: NLMEModel) throws {
        let error = model.error
        var scale = 1.0
        if model.weightNormalised {
            guard let wt = s.baselineCovariate(named: "WT"), wt > 0, wt.isFinite else {
                throw NLMEError.missingCovariate(subject: s.id, name: "WT", model: model.name)
            }
            scale = wt / 70
        }
        for d in s.doses {
            if d.steadyState { throw NLMEError.unsupportedDose(subject: s.id, time: d.time, reason: "steady-state (SS = 1) doses are not supported") }
            if d.route == .oral && d.duration > 0 {
                throw NLMEError.unsupportedDose(subject: s.id, time: d.time, reason: "oral doses with a duration (zero-order absorption) are not supported")
            }
        }
        let t0 = s.firstDoseTime ?? .infinity
        let obs = s.observations.filter { $0.output == 0 && !$0.censored && ($0.time > t0 || error.hasAdditive) }
            .sorted { $0.time < $1.time }
        id = s.id
        doses = s.doses.sorted { $0.time < $1.time }.map { d in var d = d; d.amount /= scale; return d }
        times = obs.map(\.time)
        values = obs.map(\.value)
    }

    var hasOral: Bool { doses.contains { $0.route == .oral } }
}
