/// Writes NONMEM CSV text.
///
/// - `write(_ import:)` (or `write(columns:records:)`) reproduces an imported file: the same header and the same data rows with the same
///   values, in file order (blank and `#` comment lines, which are not records, are left out; fields are
///   quoted only when they contain a comma, quote or line break).
/// - `write(study:)` writes a canonical table for studies without raw records (e.g. simulated ones):
///   `ID,TIME,AMT,RATE[,DUR],DV,MDV,EVID,CMT,ROUTE[,SS,II][,BLQ,LLOQ]` then the numeric covariates in name
///   order. CMT layout: when any dose is oral, depot = 1 and central = 2, else central = 1; observations of
///   output k are in CMT central + k; a dose keeps its `compartment` when set. DUR is written next to RATE
///   when the study has infusions, so durations read back exactly. Time-varying covariates are written on every
///   row as the value in effect (carried forward), with an EVID 2 row at each change time that has no event.
///   Rows are ordered by time, then by original row (when both events have one), then covariate rows,
///   observations, doses (an observation at a dose time is written first: a pre-dose sample).
///   Reading the text back gives the same study except that `row` numbers are those of the new file and doses
///   without a compartment get the canonical CMT. Limits: covariates must not be named like reserved columns,
///   and a study whose observations skip output 0 reads back with renumbered outputs (outputs are ranked).
public enum NONMEMWriter {
    public static func write(_ imported: NONMEMImport) -> String {
        write(columns: imported.columns, records: imported.records)
    }

    /// The same, from a header and records kept elsewhere (e.g. a workspace's events table).
    public static func write(columns: [String], records: [NONMEMRecord]) -> String {
        var lines = [columns.map(NONMEMCSV.escape).joined(separator: ",")]
        for r in records { lines.append(r.values.map(NONMEMCSV.escape).joined(separator: ",")) }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func write(study: Study) -> String {
        let doses = study.subjects.flatMap(\.doses)
        let observations = study.subjects.flatMap(\.observations)
        let hasOral = doses.contains { $0.route == .oral }
        let central = hasOral ? 2 : 1
        let hasInfusion = doses.contains { $0.isInfusion }
        let hasSS = doses.contains { $0.steadyState }
        let hasCensoring = observations.contains { $0.censored || $0.lloq != nil }
        let covariateNames = Array(Set(study.subjects.flatMap { Array($0.covariates.keys) + Array($0.timeVaryingCovariates.keys) })).sorted()

        var header = ["ID", "TIME", "AMT", "RATE"]
        if hasInfusion { header.append("DUR") }
        header += ["DV", "MDV", "EVID", "CMT", "ROUTE"]
        if hasSS { header += ["SS", "II"] }
        if hasCensoring { header += ["BLQ", "LLOQ"] }
        header += covariateNames
        var lines = [header.map(NONMEMCSV.escape).joined(separator: ",")]

        for s in study.subjects {
            // (time, row, kind, fields-without-covariates); kind: 0 covariate change, 1 observation, 2 dose.
            var events: [(time: Double, row: Int?, kind: Int, fields: [String])] = []
            for o in s.observations {
                var f = [number(o.time), "0", "0"]
                if hasInfusion { f.append("0") }
                f += [number(o.value), "0", "0", String(central + o.output), "."]
                if hasSS { f += ["0", "0"] }
                if hasCensoring { f += [o.censored ? "1" : "0", o.lloq.map(number) ?? "."] }
                events.append((o.time, o.row, 1, f))
            }
            for d in s.doses {
                let cmt = d.compartment ?? (d.route == .oral ? 1 : central)
                var f = [number(d.time), number(d.amount), d.isInfusion ? number(d.amount / d.duration) : "0"]
                if hasInfusion { f.append(number(d.duration)) }
                f += [".", "1", "1", String(cmt), d.route.rawValue]
                if hasSS { f += [d.steadyState ? "1" : "0", number(d.steadyState ? d.interval : 0)] }
                if hasCensoring { f += [".", "."] }
                events.append((d.time, d.row, 2, f))
            }
            let eventTimes = Set(events.map(\.time))
            let changeTimes = Set(s.timeVaryingCovariates.values.flatMap { $0.map(\.time) }).subtracting(eventTimes)
            for t in changeTimes {
                var f = [number(t), "0", "0"]
                if hasInfusion { f.append("0") }
                f += [".", "1", "2", ".", "."]
                if hasSS { f += ["0", "0"] }
                if hasCensoring { f += [".", "."] }
                events.append((t, nil, 0, f))
            }
            events.sort { a, b in
                if a.time != b.time { return a.time < b.time }
                if let ra = a.row, let rb = b.row, ra != rb { return ra < rb }
                return a.kind < b.kind
            }
            for e in events {
                let covs = covariateNames.map { name in s.covariate(name, at: e.time).map(number) ?? "." }
                lines.append(([s.id] + e.fields + covs).map(NONMEMCSV.escape).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Shortest text that reads back to the same Double: integers without a decimal point.
    static func number(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}
