import Foundation
import PKData

/// A private loader for the two shipped public CSVs (until the NONMEM reader lands): ID, TIME, AMT, RATE,
/// DV, EVID, ROUTE, and numeric covariates. `amountColumn` picks the dose amount (AMT, or e.g. DOSE_MGKG); `route` overrides every dose's route.
enum CSVTestLoader {
    static let dataDirectory = URL(fileURLWithPath: "/work/shared/data")

    static func load(_ file: String, amountColumn: String = "AMT", route: DoseRoute? = nil) throws -> Study {
        let text = try String(contentsOf: dataDirectory.appendingPathComponent(file), encoding: .utf8)
        var lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines.removeFirst().split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        func col(_ n: String) -> Int { header.firstIndex(of: n)! }
        var subjects: [Subject] = []
        for (i, line) in lines.enumerated() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let id = f[col("ID")], time = Double(f[col("TIME")])!, evid = Int(f[col("EVID")])!
            if subjects.last?.id != id { subjects.append(Subject(id: id)) }
            if evid == 1 {
                let amt = Double(f[col(amountColumn)])!, rate = Double(f[col("RATE")]) ?? 0
                let route: DoseRoute = route ?? (f[col("ROUTE")] == "oral" ? .oral : .iv)
                subjects[subjects.count - 1].doses.append(Dose(time: time, amount: amt, route: route,
                                                               duration: rate > 0 ? amt / rate : 0, row: i + 2))
            } else if evid == 0 {
                subjects[subjects.count - 1].observations.append(Observation(time: time, value: Double(f[col("DV")])!, row: i + 2))
            }
            if let w = header.firstIndex(of: "WT"), let v = Double(f[w]) { subjects[subjects.count - 1].covariates["WT"] = v }
        }
        return Study(name: file.replacingOccurrences(of: ".csv", with: ""), subjects: subjects)
    }
}
