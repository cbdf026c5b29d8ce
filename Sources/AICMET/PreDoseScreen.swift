import PKData

/// Positive concentrations sampled at or before a subject's first recorded dose are either carry-over (an
/// undocumented earlier regimen, which most subjects of the study then show) or spurious (contamination, assay
/// artefacts: a few subjects). When some but fewer than half of a study's subjects (context and target) read
/// one, they are treated as spurious and withheld from the model (`InferencePlan.screened`); otherwise they are
/// kept as the carry-over the prior simulates.
public enum PreDoseScreen {
    /// The request's subjects with spurious pre-dose values removed, and the ids of the subjects they came
    /// from, the target first (empty: nothing withheld, subjects unchanged).
    public static func screen(context: [Subject], target: Subject, layout: FeatureLayout)
        -> (context: [Subject], target: Subject, withheld: [String]) {
        let subjects = [target] + context
        let flagged = subjects.filter { s in s.observations.contains { isPositivePreDose($0, of: s, layout: layout) } }.map(\.id)
        guard !flagged.isEmpty, 2 * flagged.count < subjects.count else { return (context, target, []) }
        func cleaned(_ subject: Subject) -> Subject {
            var s = subject
            s.observations.removeAll { isPositivePreDose($0, of: subject, layout: layout) }
            return s
        }
        return (context.map(cleaned), cleaned(target), flagged)
    }

    /// A usable observation of `subject` at or before its first dose.
    static func isPositivePreDose(_ o: Observation, of subject: Subject, layout: FeatureLayout) -> Bool {
        guard let first = subject.firstDoseTime else { return false }
        return o.time <= first && o.isQuantified && o.output < layout.outputs
    }
}
