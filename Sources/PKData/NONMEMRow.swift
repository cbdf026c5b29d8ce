/// One data row after validation, with EVID/MDV resolved (derived when the columns are absent).
///
/// Numeric fields that are absent or missing on the row take their NONMEM defaults (0); `cmt`, `dvid`, `dv`,
/// `lloq` and `route` stay nil when not given.
struct NONMEMRow {
    var row: Int
    var id: String
    var time: Double
    var evid: Int
    var mdv: Int
    var amt: Double
    var rate: Double
    var dur: Double
    var ii: Double
    var addl: Int
    var ss: Int
    var cmt: Int?
    var dvid: Double?
    var dv: Double?
    var censored: Bool
    var lloq: Double?
    var route: DoseRoute?
    var values: [String]

    var isDose: Bool { evid == 1 || evid == 4 }
    var isObservation: Bool { evid == 0 && mdv == 0 }
    var isReset: Bool { evid == 3 || evid == 4 }

    /// Infusion duration: DUR when given (> 0), else AMT/RATE for RATE > 0, else 0 (bolus).
    /// (The reader refuses rows where both are given and disagree.)
    var duration: Double {
        if dur > 0 { return dur }
        if rate > 0 && amt > 0 { return amt / rate }
        return 0
    }

    /// Spellings accepted in a ROUTE column (case-insensitive).
    static func route(from text: String) -> DoseRoute? {
        switch NONMEMCSV.trim(text).lowercased() {
        case "oral", "po", "ev", "extravascular", "depot", "sc", "im": return .oral
        case "iv", "intravenous", "bolus", "infusion": return .iv
        default: return nil
        }
    }
}

import Foundation
