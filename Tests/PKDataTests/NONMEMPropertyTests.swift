import XCTest
@testable import PKData

/// Seeded property tests: random valid tables and studies round-trip; random single-field corruptions are refused
/// with an error naming the corrupted row.
final class NONMEMPropertyTests: XCTestCase {
    /// A random valid NONMEM table: 1–6 subjects, an oral (depot 1, central 2) or IV (central 1) layout, 1–3 doses (some with ADDL/II, some infusions),
    /// 3–8 observations (some BLQ, some of a metabolite), constant WT and (sometimes) time-varying CRCL.
    static func randomTable(_ g: inout SeededGenerator) -> (text: String, header: [String], oral: Bool) {
        let oral = g.next() % 2 == 0
        let header = ["ID", "TIME", "AMT", "RATE", "II", "ADDL", "DV", "EVID", "MDV", "CMT", "BLQ", "WT", "CRCL"]
        var lines = [header.joined(separator: ",")]
        let subjects = 1 + Int(g.next() % 6)
        for id in 1...subjects {
            let (depot, central) = oral ? (1, 2) : (1, 1)
            let wt = (g.uniform(50, 100) * 10).rounded() / 10
            let varying = g.next() % 3 == 0
            var events: [(t: Double, kind: Int, line: (Double) -> String)] = []
            var t = 0.0
            for _ in 0..<(1 + Int(g.next() % 3)) {
                let amt = (g.uniform(10, 500) * 1000).rounded() / 1000
                let addl = g.next() % 3 == 0 ? Int(g.next() % 4) : 0
                let rate = !oral && g.next() % 3 == 0 ? (g.uniform(5, 100) * 100).rounded() / 100 : 0
                let ii = addl > 0 ? 12.0 : 0
                let time = t
                events.append((time, 1, { crcl in "\(id),\(NONMEMWriter.number(time)),\(NONMEMWriter.number(amt)),\(NONMEMWriter.number(rate)),\(NONMEMWriter.number(ii)),\(addl),.,1,1,\(depot),0,\(wt),\(NONMEMWriter.number(crcl))" }))
                t += 12 * Double(addl + 1)
            }
            var ot = 0.0
            for _ in 0..<(3 + Int(g.next() % 6)) {
                ot += (g.uniform(0.1, 6) * 100).rounded() / 100
                let time = ot
                let dv = (g.uniform(0.01, 20) * 1000).rounded() / 1000
                let blq = g.next() % 10 == 0 ? 1 : 0
                let cmt = g.next() % 4 == 0 ? central + 1 : central
                events.append((time, 0, { crcl in "\(id),\(NONMEMWriter.number(time)),0,0,0,0,\(NONMEMWriter.number(dv)),0,0,\(cmt),\(blq),\(wt),\(NONMEMWriter.number(crcl))" }))
            }
            events.sort { ($0.t, $0.kind) < ($1.t, $1.kind) }
            let change = events[events.count / 2].t
            for e in events { lines.append(e.line(varying && e.t >= change ? 60 : 90)) }
        }
        return (lines.joined(separator: "\n") + "\n", header, oral)
    }

    /// A random study as a simulator would produce it (no rows, no compartments), parent output always present.
    static func randomStudy(_ g: inout SeededGenerator) -> Study {
        var subjects: [Subject] = []
        for id in 1...(1 + Int(g.next() % 5)) {
            var doses: [Dose] = []
            var t = 0.0
            for _ in 0..<(1 + Int(g.next() % 3)) {
                let route: DoseRoute = g.next() % 2 == 0 ? .oral : .iv
                let duration = route == .iv && g.next() % 2 == 0 ? g.uniform(0.1, 2) : 0
                let ss = g.next() % 5 == 0
                doses.append(Dose(time: t, amount: g.uniform(1, 1000), route: route, duration: duration, steadyState: ss,
                                  interval: ss ? 24 : 0))
                t += g.uniform(6, 24)
            }
            var observations: [Observation] = []
            var ot = 0.0
            for k in 0..<(2 + Int(g.next() % 8)) {
                ot += g.uniform(0.05, 5)
                let censored = g.next() % 8 == 0
                observations.append(Observation(time: ot, value: g.uniform(0.001, 50), output: k == 0 ? 0 : Int(g.next() % 2),
                                                censored: censored, lloq: censored ? 0.05 : nil))
            }
            var covariates = ["WT": g.uniform(40, 120)]
            var varying: [String: [CovariateChange]] = [:]
            if g.next() % 2 == 0 {
                let changes = [CovariateChange(time: 0, value: 100), CovariateChange(time: g.uniform(1, 30), value: g.uniform(20, 90))]
                covariates["CRCL"] = 100
                varying["CRCL"] = changes
            }
            subjects.append(Subject(id: "S\(id)", doses: doses, observations: observations, covariates: covariates,
                                    timeVaryingCovariates: varying))
        }
        return Study(name: "sim", subjects: subjects)
    }

    func testRandomTablesRoundTrip() throws {
        var g = SeededGenerator(seed: 20260527)
        for trial in 0..<120 {
            let (text, _, oral) = Self.randomTable(&g)
            let first = try NONMEMReader.read(text: text, fileName: "t\(trial).csv")
            XCTAssertTrue(first.study.subjects.flatMap(\.doses).allSatisfy { $0.route == (oral ? .oral : .iv) }, "trial \(trial)")
            XCTAssertTrue(first.study.subjects.flatMap(\.observations).allSatisfy { $0.output <= 1 }, "trial \(trial)")
            let exported = NONMEMWriter.write(first)
            XCTAssertEqual(exported, text, "trial \(trial)")
            let second = try NONMEMReader.read(text: exported, fileName: "t\(trial).csv")
            assertSameStudy(second.study, first.study)
            let canonical = try NONMEMReader.read(text: NONMEMWriter.write(study: first.study), fileName: "c.csv")
            assertSameStudy(canonical.study, first.study)
            XCTAssertEqual(first.report.totalExpandedDoses + text.split(separator: "\n").filter { $0.contains(",.,1,1,") }.count,
                           first.report.totalDoses, "trial \(trial): every dose row plus its ADDL doses")
        }
    }

    func testRandomStudiesRoundTripThroughCanonicalCSV() throws {
        var g = SeededGenerator(seed: 7)
        for trial in 0..<120 {
            let study = Self.randomStudy(&g)
            let text = NONMEMWriter.write(study: study)
            let back = try NONMEMReader.read(text: text, fileName: "sim.csv")
            assertSameStudy(back.study, study)
            let again = try NONMEMReader.read(text: NONMEMWriter.write(study: back.study), fileName: "sim.csv")
            assertSameStudy(again.study, back.study)
            if back.study.subjects.count != study.subjects.count { XCTFail("trial \(trial)"); return }
        }
    }

    func testRandomSingleFieldCorruptionsNameTheRow() throws {
        var g = SeededGenerator(seed: 99)
        var kinds: [NONMEMIssue.Kind: Int] = [:]
        for trial in 0..<300 {
            let (text, header, _) = Self.randomTable(&g)
            var lines = text.split(separator: "\n").map(String.init)
            let index = 1 + Int(g.next() % UInt64(lines.count - 1))
            var fields = lines[index].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let col = { (name: String) in header.firstIndex(of: name)! }
            let isObservation = fields[col("EVID")] == "0"
            let sameSubjectBefore = index > 1 && lines[index - 1].split(separator: ",")[0] == fields[0]
            var choices = ["time-text", "amt-negative", "evid-unknown", "mdv-two", "cmt-text", "id-missing", "ragged", "addl-negative"]
            if isObservation { choices += ["dv-text", "dv-negative", "dv-missing"] }
            if sameSubjectBefore { choices.append("time-backwards") }
            switch choices[Int(g.next() % UInt64(choices.count))] {
            case "time-text": fields[col("TIME")] = "8:30"
            case "amt-negative": fields[col("AMT")] = "-5"
            case "evid-unknown": fields[col("EVID")] = "9"
            case "mdv-two": fields[col("MDV")] = "2"
            case "cmt-text": fields[col("CMT")] = "central"
            case "id-missing": fields[col("ID")] = ""
            case "ragged": fields.removeLast()
            case "addl-negative": fields[col("ADDL")] = "-1"
            case "dv-text": fields[col("DV")] = "<LLOQ"
            case "dv-negative": fields[col("DV")] = "-0.5"
            case "dv-missing": fields[col("DV")] = "."
            default: fields[col("TIME")] = "-1"
            }
            lines[index] = fields.joined(separator: ",")
            let row = index + 1
            XCTAssertThrowsError(try NONMEMReader.read(text: lines.joined(separator: "\n") + "\n", fileName: "bad.csv"),
                                 "trial \(trial): row \(row) \(lines[index])") { error in
                guard let e = error as? NONMEMImportError else { return XCTFail("not a NONMEMImportError: \(error)") }
                XCTAssertTrue(e.issues.contains { $0.row == row }, "trial \(trial): \(e.description) does not name row \(row)")
                XCTAssertTrue(e.description.contains("bad.csv row \(row)"), e.description)
                for issue in e.issues where issue.row == row { kinds[issue.kind, default: 0] += 1 }
            }
        }
        for kind in [NONMEMIssue.Kind.nonNumeric, .negativeValue, .unknownEVID, .unsupportedValue, .missingValue, .raggedRow, .timeBackwards] {
            XCTAssertGreaterThan(kinds[kind] ?? 0, 0, "corruptions exercised \(kind)")
        }
    }
}
