import PKData

/// `study plot NAME [--subject ID] [--log]`.
extension Session {
    /// Concentration–time profiles, one series per subject (parent output), as a `Plot` block.
    /// With `log`, non-positive concentrations are left out (and counted in a note).
    public func studyPlot(_ name: String, subject: String? = nil, log: Bool = false) throws -> CommandResult {
        let study = try requireStudy(name)
        let subjects = try subject.map { [try requireSubject($0, in: study)] } ?? study.subjects
        var skipped = 0
        let series = subjects.map { s -> Plot.Series in
            let points = s.observations.filter { $0.output == 0 }.compactMap { o -> (x: Double, y: Double)? in
                if log && o.value <= 0 { skipped += 1; return nil }
                return (o.time, o.value)
            }
            return Plot.Series(name: s.id, points: points)
        }
        let unit = { (u: String?) in u.map { " (\($0))" } ?? "" }
        let title = subject.map { "\(study.name), subject \($0)" } ?? "\(study.name): \(subjects.count) subjects"
        var result = CommandResult([.plot(Plot(title: title, xLabel: "time" + unit(study.units.time ?? "h"),
                                               yLabel: "concentration" + unit(study.units.concentration),
                                               logY: log, series: series))])
        if skipped > 0 { result.blocks.append(.note("\(skipped) non-positive concentrations left out of the log scale")) }
        return result
    }
}
