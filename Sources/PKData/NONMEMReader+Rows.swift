/// Row-level validation: parses one record into a `NONMEMRow`, or adds issues and returns nil.
/// Each check names the column as written in the header and gives one fix.
extension NONMEMReader {
    /// Largest ADDL accepted on one row (each additional dose becomes an explicit `Dose`).
    static let maxADDL = 10_000

    static func parseRow(_ record: NONMEMRecord, columns: NONMEMColumns, issues: inout NONMEMIssueList) -> NONMEMRow? {
        let values = record.values
        let row = record.row
        let id = columns[.id].map { NONMEMCSV.trim(values[$0]) } ?? ""
        let subject: String? = id.isEmpty || id == "." ? nil : id
        var ok = true
        func fail(_ kind: NONMEMIssue.Kind, _ field: NONMEMField, _ message: String, _ hint: String) {
            issues.add(NONMEMIssue(kind: kind, row: row, subject: subject, column: columns.name(field), message: message, hint: hint))
            ok = false
        }
        func raw(_ f: NONMEMField) -> String? {
            guard let i = columns[f], !NONMEMCSV.isMissing(values[i]) else { return nil }
            return NONMEMCSV.trim(values[i])
        }
        /// Parsed value, nil when absent/missing; reports non-numbers and non-integers.
        func num(_ f: NONMEMField) -> Double? {
            guard let text = raw(f) else { return nil }
            guard let v = NONMEMCSV.number(text) else {
                fail(.nonNumeric, f, "\(columns.name(f)) is '\(text)', not a number",
                     f == .time ? "use decimal time since the first event (clock times and dates are not supported)" : "use a number, or . for missing")
                return nil
            }
            if f.isInteger && v != v.rounded() {
                fail(.nonNumeric, f, "\(columns.name(f)) is \(text), not a whole number", "use a whole number")
                return nil
            }
            return v
        }

        if subject == nil { fail(.missingValue, .id, "ID missing", "give every row its subject ID") }
        let time = num(.time)
        if raw(.time) == nil { fail(.missingValue, .time, "TIME missing", "give every row a time") }
        /// Whole-number fields as Int, clamped to ±10⁹ so that absurd values are reported, not trapped on.
        func int(_ f: NONMEMField) -> Int? { num(f).map { Int(max(-1e9, min(1e9, $0))) } }
        let mdvIn = int(.mdv)
        let evidIn = int(.evid)
        let amt = num(.amt) ?? 0
        let rate = num(.rate) ?? 0
        let dur = num(.dur) ?? 0
        let ii = num(.ii) ?? 0
        let addlValue = num(.addl) ?? 0
        let addl = Int(max(-1, min(Double(maxADDL), addlValue)))
        let ss = int(.ss) ?? 0
        let cmt = int(.cmt)
        let dvid = num(.dvid)
        let cens = int(.cens) ?? 0
        let lloq = num(.lloq)
        let dvText = raw(.dv)
        guard ok, let time else { return nil }

        if let m = mdvIn, m != 0 && m != 1 { fail(.unsupportedValue, .mdv, "MDV is \(m)", "use MDV 0 (observation) or 1 (no observation)") }
        if let e = evidIn, !(0...4).contains(e) {
            fail(.unknownEVID, .evid, "EVID \(e) is not one of 0–4", "use 0 observation, 1 dose, 2 other, 3 reset, 4 reset and dose")
        }
        if amt < 0 { fail(.negativeValue, .amt, "AMT is negative (\(fmt(amt)))", "amounts must be ≥ 0") }
        if rate == -1 || rate == -2 {
            fail(.unsupportedValue, .rate, "RATE \(fmt(rate)) (modelled \(rate == -1 ? "rate" : "duration")) is not supported", "give the rate, or the duration in DUR")
        } else if rate < 0 { fail(.negativeValue, .rate, "RATE is negative (\(fmt(rate)))", "use RATE 0 for a bolus or a positive rate") }
        if dur < 0 { fail(.negativeValue, .dur, "DUR is negative (\(fmt(dur)))", "use DUR 0 for a bolus or a positive duration") }
        if ii < 0 { fail(.negativeValue, .ii, "II is negative (\(fmt(ii)))", "give the dosing interval as a positive number") }
        if addl < 0 { fail(.negativeValue, .addl, "ADDL is negative (\(fmt(addlValue)))", "give the number of additional doses (≥ 0)") }
        if addlValue > Double(maxADDL) {
            fail(.unsupportedValue, .addl, "ADDL \(fmt(addlValue)) is more than \(maxADDL) additional doses", "split the regimen over several dose rows")
        }
        if ss != 0 && ss != 1 { fail(.unsupportedValue, .ss, "SS \(ss) is not supported", "use SS 0, or 1 for steady state") }
        if cens != 0 && cens != 1 {
            fail(.unsupportedValue, .cens, "\(columns.name(.cens)) is \(cens)", "use 1 for below the LLOQ and 0 otherwise (upper censoring is not supported)")
        }
        if let c = cmt, c < 0 { fail(.unsupportedValue, .cmt, "CMT \(c) (compartment off) is not supported", "use the compartment number") }
        if let l = lloq, l < 0 { fail(.negativeValue, .lloq, "\(columns.name(.lloq)) is negative (\(fmt(l)))", "give the limit as a value ≥ 0") }
        guard ok else { return nil }

        // Resolve EVID and MDV.
        var evid: Int, mdv: Int
        switch (evidIn, mdvIn) {
        case let (e?, m?): evid = e; mdv = m
        case let (e?, nil): evid = e; mdv = e == 0 ? 0 : 1
        case let (nil, m?): mdv = m; evid = m == 0 ? 0 : (amt > 0 ? 1 : 2)
        case (nil, nil):
            if amt > 0 { evid = 1; mdv = 1 } else if dvText != nil { evid = 0; mdv = 0 } else { evid = 2; mdv = 1 }
        }
        let isDose = evid == 1 || evid == 4
        if evid != 0 && mdv == 0 {
            fail(.evidMDVContradiction, .mdv, "EVID \(evid) with MDV 0: only observation rows (EVID 0) carry a DV",
                 "set MDV 1, or put the observation on its own row with EVID 0")
        }
        if !isDose && amt > 0 {
            let what = evidIn != nil ? "EVID \(evid)" : "MDV \(mdv)"
            fail(.evidMDVContradiction, .amt, "AMT \(fmt(amt)) on a row that is not a dose (\(what))",
                 "put the dose on its own row with EVID 1 (MDV 1)")
        }
        if rate > 0 && amt == 0 {
            fail(.rateWithoutAmount, .rate, "RATE \(fmt(rate)) with AMT 0", "RATE applies to doses only: set RATE 0, or give the amount in AMT")
        }
        if isDose && amt == 0 && rate <= 0 {
            fail(.missingValue, .amt, "dose row (EVID \(evid)) without an amount", "give AMT > 0, or use EVID 2 for a record that is not a dose")
        }
        if isDose && rate > 0 && dur > 0 && abs(amt / rate - dur) > 1e-6 * max(1, dur) {
            fail(.inconsistentInfusion, .dur, "DUR \(fmt(dur)) disagrees with AMT/RATE = \(fmt(amt / rate))", "give either RATE or DUR")
        }
        if addl > 0 && ii <= 0 { fail(.addlWithoutII, .addl, "ADDL \(addl) without II", "give the dosing interval II > 0") }
        if addl > 0 && !isDose { fail(.unsupportedValue, .addl, "ADDL \(addl) on a row that is not a dose", "set ADDL 0, or make the row a dose (EVID 1)") }
        if isDose && ss == 1 && ii <= 0 { fail(.addlWithoutII, .ii, "SS 1 without II", "give the dosing interval II > 0 for a steady-state dose") }

        var dv: Double? = nil
        if evid == 0 && mdv == 0 {
            if let text = dvText {
                if let v = NONMEMCSV.number(text) {
                    if v < 0 { fail(.negativeValue, .dv, "DV is negative (\(text))", "concentrations must be ≥ 0; flag values below the LLOQ with BLQ 1") }
                    dv = v
                } else {
                    fail(.nonNumeric, .dv, "DV is '\(text)', not a number", "give the value, or set MDV 1 to skip the row")
                }
            } else {
                fail(.missingValue, .dv, "DV missing on an observation row (EVID 0, MDV 0)", "give the value, or set MDV 1 to skip the row")
            }
        }
        var route: DoseRoute? = nil
        if let text = raw(.route) {
            route = NONMEMRow.route(from: text)
            if route == nil && isDose { fail(.unsupportedValue, .route, "ROUTE '\(text)' not understood", "use oral or iv") }
        }
        guard ok, let subject else { return nil }
        return NONMEMRow(row: row, id: subject, time: time, evid: evid, mdv: mdv, amt: amt, rate: rate, dur: dur, ii: ii,
                         addl: addl, ss: ss, cmt: cmt, dvid: dvid, dv: dv, censored: cens == 1, lloq: lloq, route: route,
                         values: values)
    }

    /// Compact number for messages: "4", "3.5", "0.001".
    static func fmt(_ v: Double) -> String {
        if v == v.rounded() && abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }
}

import Foundation
