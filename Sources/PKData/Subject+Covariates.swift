extension Subject {
    /// The value of covariate `name` in effect at `time`: the last change at or before `time` when the
    /// covariate is time-varying (the first value before the first change), else the baseline; nil if unknown.
    public func covariate(_ name: String, at time: Double) -> Double? {
        if let changes = timeVaryingCovariates[name], let first = changes.first {
            return changes.last(where: { $0.time <= time })?.value ?? first.value
        }
        return covariates[name]
    }

    /// Baseline value of covariate `name` as a model or adapter names it: the column of that name, else the one
    /// that differs only in letter case (`Wt` or `wt` for `WT`; an import keeps one column per name in any
    /// case); nil if the subject has neither.
    public func baselineCovariate(named name: String) -> Double? {
        if let value = covariates[name] { return value }
        let upper = name.uppercased()
        return covariates.first { $0.key.uppercased() == upper }?.value
    }
}
