import PKData

/// `nca NAME`: non-compartmental analysis of the parent output.
extension Session {
    /// One row per subject (Cmax, Tmax, AUClast, AUCinf, λz with the points used, t½, CL or CL/F),
    /// then two summary rows: geometric mean and geometric CV% over subjects with a positive value.
    public func nca(_ name: String) throws -> CommandResult {
        let study = try requireStudy(name)
        var results: [NCAResult] = []
        for s in study.subjects {
            try checkCancelled()
            results.append(NCA.analyze(subject: s))
        }
        let clLabel = results.contains { $0.route == .oral } ? "CL/F" : "CL"
        var t = Table(title: "NCA of \(study.name)",
                      columns: ["ID", "Cmax", "Tmax", "AUClast", "AUCinf", "%extrap", "lambdaZ", "lambdaZ points",
                                "R2adj", "t1/2", clLabel])
        for r in results {
            let points = r.lambdaZTimes.isEmpty ? "" : "\(r.lambdaZTimes.count) (\(Cell.number(r.lambdaZTimes.first!).display)–\(Cell.number(r.lambdaZTimes.last!).display))"
            t.append([.text(r.subjectID), .optional(r.cmax), .optional(r.tmax), .optional(r.auclast), .optional(r.aucinf),
                      .optional(r.aucExtrapolatedPercent, digits: 3), .optional(r.lambdaZ), .text(points),
                      .optional(r.lambdaZAdjustedR2), .optional(r.halfLife), .optional(r.clearance)])
        }
        let summary = NCASummary(results: results)
        func row(_ label: String, _ value: (NCASummary.Metric) -> Double?) -> [Cell] {
            func cell(_ metric: String, digits: Int = 4) -> Cell { .optional(summary.metric(metric).flatMap(value), digits: digits) }
            return [.text(label), cell("Cmax"), cell("Tmax"), cell("AUClast"), cell("AUCinf"), .empty, cell("lambdaZ"),
                    .empty, .empty, cell("t1/2"), cell("CL")]
        }
        t.append(row("geo. mean", { $0.geometricMean }))
        t.append(row("geo. CV%", { $0.geometricCV }))
        var result = CommandResult.table(t)
        // The same note for several subjects is given once: "subjects 2, 3, 5: …".
        var order: [String] = []
        var subjectsByNote: [String: [String]] = [:]
        for r in results {
            for note in r.notes {
                if subjectsByNote[note] == nil { order.append(note) }
                subjectsByNote[note, default: []].append(r.subjectID)
            }
        }
        // At most `maxNotes` lines; subject lists are cut after 12 IDs.
        let maxNotes = 8
        for note in order.prefix(maxNotes) {
            let ids = subjectsByNote[note]!
            let list = ids.prefix(12).joined(separator: ", ") + (ids.count > 12 ? " and \(ids.count - 12) more" : "")
            result.blocks.append(.note((ids.count == 1 ? "subject " : "subjects ") + list + ": " + note))
        }
        if order.count > maxNotes {
            result.blocks.append(.note("… \(order.count - maxNotes) more notes; `.mode csv` gives every value"))
        }
        return result
    }
}
