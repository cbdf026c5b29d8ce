extension Subject {
    /// The value of covariate `name` in effect at `time`: the last change at or before `time` when the
    /// covariate is time-varying (the first value before the first change), else the baseline; nil if unknown.
    public func covariate(_ name: String, at time: Double) -> Double? {
        if let changes = timeVaryingCovariates[name], let first = changes.first {
            return changes.last(where: { $0.time <= time })?.value ?? first.value
        }
        return covariates[name]
    }
}
