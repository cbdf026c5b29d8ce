/// Turns validated rows into subjects and fills the column/subject parts of the import report.
///
/// Rules (each written into `report.rules` when it applies):
/// - Outputs: observations with a DVID take output = rank of their DVID among the study's DVID values;
///   otherwise output = rank of their CMT among the study's observed CMTs (lowest = 0, parent); else 0.
/// - Routes: a ROUTE value (oral/iv) wins; else a dose into a CMT below the lowest observed CMT is oral
///   (depot) and a dose into the observed (central) CMT or above is IV; with no CMT information, infusions
///   are IV and boluses oral (with a warning).
/// - Infusions: DUR > 0 gives the duration; else RATE > 0 gives AMT/RATE.
/// - ADDL n with II: n more doses at II, 2·II, … after the row's time (same amount, route, duration).
/// - Covariates: a column whose non-missing values are all numbers; baseline = first value of the subject;
///   changes within a subject make it time-varying (carried forward). Other columns are categorical labels.
struct NONMEMStudyBuilder {
    let rows: [NONMEMRow]
    let columns: NONMEMColumns
    var report: NONMEMImportReport

    init(rows: [NONMEMRow], columns: NONMEMColumns, fileName: String) {
        self.rows = rows; self.columns = columns
        self.report = NONMEMImportReport(fileName: fileName, warnings: columns.warnings)
    }

    mutating func build() -> ([Subject], [String: [String: String]]) {
        let observed = rows.filter(\.isObservation)
        let obsCMTs = Array(Set(observed.compactMap { $0.cmt }.filter { $0 > 0 })).sorted()
        let dvids = Array(Set(observed.compactMap(\.dvid))).sorted()
        let central = obsCMTs.first
        for (k, c) in obsCMTs.enumerated() where dvids.isEmpty || observed.contains(where: { $0.dvid == nil }) {
            report.rules.append("output \(k) = observations in CMT \(c)\(k == 0 ? " (parent)" : "")")
        }
        for (k, d) in dvids.enumerated() { report.rules.append("output \(k) = observations with DVID \(NONMEMReader.fmt(d))") }

        // Column roles.
        var numericCovariates: [Int] = []
        var categorical: [Int] = []
        var roles: [Int: NONMEMImportReport.ColumnRole] = [:]
        for (field, i) in columns.index { roles[i] = .reserved("\(field.rawValue): \(field.meaning)") }
        for (i, why) in columns.ignored { roles[i] = .ignored(why) }
        for i in columns.others {
            let present = rows.map { $0.values[i] }.filter { !NONMEMCSV.isMissing($0) }
            if present.isEmpty { roles[i] = .ignored("no values"); continue }
            if present.allSatisfy({ NONMEMCSV.number($0) != nil }) { numericCovariates.append(i); roles[i] = .constantCovariate }
            else { categorical.append(i); roles[i] = .categorical }
        }

        // Route rules.
        let doseRows = rows.filter(\.isDose)
        if columns[.route] != nil { report.rules.append("dose route from the ROUTE column") }
        if let central {
            let cmts = Set(doseRows.filter { $0.route == nil }.compactMap(\.cmt))
            for c in cmts.sorted() {
                report.rules.append(c < central ? "dose CMT \(c) (below the observed CMT \(central)) read as oral (depot)"
                                                : "dose CMT \(c) (the observed CMT \(central) or above) read as IV")
            }
        }
        if doseRows.contains(where: { $0.route == nil && ($0.cmt == nil || central == nil) && $0.duration == 0 }) {
            report.warnings.append("no ROUTE column and no CMT to tell oral from IV: bolus doses read as oral; add ROUTE (oral/iv)")
        }
        func route(_ r: NONMEMRow) -> DoseRoute {
            if let route = r.route { return route }
            if let c = r.cmt, c > 0, let central { return c < central ? .oral : .iv }
            return r.duration > 0 ? .iv : .oral
        }
        func output(_ r: NONMEMRow) -> Int {
            if let d = r.dvid, let k = dvids.firstIndex(of: d) { return k }
            if let c = r.cmt, let k = obsCMTs.firstIndex(of: c) { return k }
            return 0
        }

        // Split rows into subjects/occasions.
        var groups: [(id: String, rows: [NONMEMRow])] = []
        var occasion: [String: Int] = [:]
        for r in rows {
            let continues = groups.last?.rows.first?.id == r.id
            if continues && !r.isReset {
                groups[groups.count - 1].rows.append(r)
            } else if continues {
                let k = (occasion[r.id] ?? 1) + 1
                occasion[r.id] = k
                report.warnings.append("ID \(r.id): EVID \(r.evid) at row \(r.row) resets the system; rows from there form occasion '\(r.id)#\(k)'")
                groups.append((id: "\(r.id)#\(k)", rows: [r]))
            } else {
                groups.append((id: r.id, rows: [r]))
            }
        }

        var subjects: [Subject] = []
        var labels: [String: [String: String]] = [:]
        var varying = Set<Int>()
        for g in groups {
            var doses: [Dose] = []
            var expanded = 0
            var observations: [Observation] = []
            for r in g.rows {
                if r.isDose {
                    let rt = route(r)
                    doses.append(Dose(time: r.time, amount: r.amt, route: rt, duration: r.duration, compartment: r.cmt,
                                      steadyState: r.ss == 1, interval: r.ss == 1 ? r.ii : 0, row: r.row))
                    for k in stride(from: 1, through: r.addl, by: 1) {
                        doses.append(Dose(time: r.time + Double(k) * r.ii, amount: r.amt, route: rt, duration: r.duration,
                                          compartment: r.cmt))
                        expanded += 1
                    }
                } else if r.isObservation, let dv = r.dv {
                    observations.append(Observation(time: r.time, value: dv, output: output(r), censored: r.censored,
                                                    lloq: r.lloq, row: r.row))
                } else if r.evid == 0 {
                    report.ignoredRows.append(.init(row: r.row, subject: g.id, reason: "MDV 1 on an observation row (EVID 0): DV not used"))
                } else if r.evid == 2, let i = columns[.dv], !NONMEMCSV.isMissing(r.values[i]) {
                    report.ignoredRows.append(.init(row: r.row, subject: g.id, reason: "DV \(r.values[i].trimmingCharacters(in: .whitespaces)) on a row with MDV 1 (EVID 2): DV not used"))
                }
            }
            doses = stableSorted(doses) { $0.time < $1.time }
            observations = stableSorted(observations) { $0.time < $1.time }

            var covariates: [String: Double] = [:]
            var changes: [String: [CovariateChange]] = [:]
            for i in numericCovariates {
                let name = columns.names[i].trimmingCharacters(in: .whitespaces)
                var list: [CovariateChange] = []
                for r in g.rows where !NONMEMCSV.isMissing(r.values[i]) {
                    let v = NONMEMCSV.number(r.values[i])!
                    if list.last?.value != v { list.append(CovariateChange(time: r.time, value: v)) }
                }
                guard let first = list.first else { continue }
                covariates[name] = first.value
                if list.count > 1 { changes[name] = list; varying.insert(i) }
            }
            for i in categorical {
                if let v = g.rows.lazy.map({ $0.values[i] }).first(where: { !NONMEMCSV.isMissing($0) }) {
                    labels[g.id, default: [:]][columns.names[i].trimmingCharacters(in: .whitespaces)] = NONMEMCSV.trim(v)
                }
            }

            let firstDose = doses.first
            let preDose = observations.filter { o in
                guard let d = firstDose else { return false }
                return o.time < d.time || (o.time == d.time && (o.row ?? 0) < (d.row ?? Int.max))
            }.count
            if doses.isEmpty { report.warnings.append("ID \(g.id): no doses") }
            if observations.isEmpty { report.warnings.append("ID \(g.id): no observations") }
            var seen: [String: Double] = [:]
            for o in observations {
                let key = "\(o.output)@\(o.time)"
                if seen[key] != nil {
                    report.warnings.append("ID \(g.id): two observations of output \(o.output) at TIME \(NONMEMReader.fmt(o.time)) (row \(o.row ?? 0))")
                }
                seen[key] = o.value
            }
            report.subjects.append(.init(id: g.id, doses: doses.count, expandedDoses: expanded, observations: observations.count,
                                         censoredObservations: observations.filter(\.censored).count, preDoseObservations: preDose))
            subjects.append(Subject(id: g.id, doses: doses, observations: observations, covariates: covariates,
                                    timeVaryingCovariates: changes))
        }
        for i in varying { roles[i] = .timeVaryingCovariate }
        report.columns = columns.names.indices.map { .init(name: columns.names[$0], role: roles[$0] ?? .ignored("unused")) }
        let pre = report.subjects.reduce(0) { $0 + $1.preDoseObservations }
        if pre > 0 { report.rules.append("\(pre) observation(s) before the first dose kept as data (pre-dose samples)") }
        return (subjects, labels)
    }

    private func stableSorted<T>(_ items: [T], by less: (T, T) -> Bool) -> [T] {
        items.enumerated().sorted { less($0.element, $1.element) || (!less($1.element, $0.element) && $0.offset < $1.offset) }
            .map(\.element)
    }
}

import Foundation
