/// How a dose enters the body.
public enum DoseRoute: String, Codable, Sendable, CaseIterable {
    /// Into the depot (gut); absorbed with first-order rate ka. NONMEM CMT 1 for oral models.
    case oral
    /// Into the central compartment (bolus when `duration == 0`, zero-order infusion otherwise).
    case iv
}

/// One administered dose, after ADDL/II expansion (every dose is explicit).
public struct Dose: Hashable, Codable, Sendable {
    /// Time of administration (study time unit, usually hours).
    public var time: Double
    /// Amount (study amount unit).
    public var amount: Double
    public var route: DoseRoute
    /// Infusion duration; 0 for a bolus. Rate = amount / duration.
    public var duration: Double
    /// NONMEM CMT of the dosed compartment, as read (nil when simulated or absent).
    public var compartment: Int?
    /// SS = 1: the subject is at steady state under `interval` dosing before this dose.
    public var steadyState: Bool
    /// Dosing interval II for steady-state doses (0 otherwise).
    public var interval: Double
    /// 1-based CSV row this dose came from (the header is row 1); nil for expanded or simulated doses.
    public var row: Int?

    public init(time: Double, amount: Double, route: DoseRoute, duration: Double = 0, compartment: Int? = nil,
                steadyState: Bool = false, interval: Double = 0, row: Int? = nil) {
        self.time = time; self.amount = amount; self.route = route; self.duration = duration
        self.compartment = compartment; self.steadyState = steadyState; self.interval = interval; self.row = row
    }

    public var isInfusion: Bool { duration > 0 }
}
