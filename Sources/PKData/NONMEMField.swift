/// The reserved NONMEM columns this reader understands. Header names match case-insensitively, with aliases:
/// `BLQ` or `CENS` (censoring flag), `LLOQ` or `LIMIT` (quantification limit). `ROUTE` (oral/iv) is an
/// optional extension that, when present, decides each dose's route. Every other column is a covariate or label.
enum NONMEMField: String, CaseIterable, Hashable, Sendable {
    case id = "ID", time = "TIME", dv = "DV", mdv = "MDV", amt = "AMT", evid = "EVID", cmt = "CMT"
    case rate = "RATE", dur = "DUR", ii = "II", addl = "ADDL", ss = "SS", dvid = "DVID"
    case cens = "BLQ", lloq = "LLOQ", route = "ROUTE"

    /// Upper-cased header names that select this field.
    var aliases: [String] {
        switch self {
        case .cens: return ["BLQ", "CENS"]
        case .lloq: return ["LLOQ", "LIMIT"]
        default: return [rawValue]
        }
    }

    /// Short meaning, for the import report.
    var meaning: String {
        switch self {
        case .id: return "subject ID"
        case .time: return "event time"
        case .dv: return "observed value"
        case .mdv: return "missing-DV flag"
        case .amt: return "dose amount"
        case .evid: return "event type"
        case .cmt: return "compartment (dose route / observed output)"
        case .rate: return "infusion rate"
        case .dur: return "infusion duration"
        case .ii: return "dosing interval"
        case .addl: return "additional doses"
        case .ss: return "steady-state flag"
        case .dvid: return "observation output"
        case .cens: return "censoring flag (below LLOQ)"
        case .lloq: return "lower limit of quantification"
        case .route: return "dose route (oral/iv)"
        }
    }

    /// Position in `allCases`.
    var ordinal: Int {
        switch self {
        case .id: return 0
        case .time: return 1
        case .dv: return 2
        case .mdv: return 3
        case .amt: return 4
        case .evid: return 5
        case .cmt: return 6
        case .rate: return 7
        case .dur: return 8
        case .ii: return 9
        case .addl: return 10
        case .ss: return 11
        case .dvid: return 12
        case .cens: return 13
        case .lloq: return 14
        case .route: return 15
        }
    }

    /// Fields whose values must be whole numbers.
    var isInteger: Bool {
        switch self {
        case .mdv, .evid, .cmt, .addl, .ss, .cens: return true
        default: return false
        }
    }

    static func matching(_ header: String) -> NONMEMField? {
        let name = header.trimmingCharacters(in: .whitespaces).uppercased()
        return allCases.first { $0.aliases.contains(name) }
    }
}

import Foundation
