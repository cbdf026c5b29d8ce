import PKData

/// Positive concentrations sampled at or before a subject's first recorded dose are either carry-over (an
/// undocumented earlier regimen, which most subjects of the study then show) or spurious (contamination, assay
/// artefacts: a few subjects). When some but fewer than half of a study's subjects (context and target) read
/// one, they are treated as spurious and withheld from the model (`InferencePlan.screened`); otherwise they are
/// kept as the carry-over the prior simulates.
public enum PreDoseScreen {
    /// The request's subjects with spurious pre-dose values removed, and the ids of the subjects they came from (the target first)
    /// (empty: nothing withheld, subjects unchanged).
    public static func screen(context: [Subject], target: Subject, layout: FeatureLayout)
        -> (context: [Subject], target: Subject, withheld: [String]) {
        let subjects = [target] + context
        let flagged = subjects.filter { !positivePreDose($0, layout: layout).isEmpty }.map(\.id)
        guard !flagged.isEmpty, 2 * flagged.count < subjects.count else { return (context, target, []) }
        func cleaned(_ subject: Subject) -> Subject {
            var s = subject
            let drop = Set(positivePreDose(subject, layout: layout))
            s.observations = subject.observations.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
            return s
        }
        return (context.map(cleaned), cleaned(target), flagged)
    }

    /// Indices in `subject.observations` of its usable observations at or before its first dose.
    static func positivePreDose(_ subject: Subject, layout: FeatureLayout) -> [Int] {
        guard let first = subject.firstDoseTime else { return [] }
        return subject.observations.indices.filter {
            let o = subject.observations[$0]
            return o.time <= first && o.isQuantified && o.output < layout.outputs
        }
    }
}
