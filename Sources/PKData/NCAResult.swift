/// Non-compartmental analysis of one subject and output (see `NCA`).
///
/// Times (`tmax`, `tlast`, `lambdaZTimes`) are hours after the first dose (the study's time unit);
/// concentrations in the DV unit; AUCs in DV unit × time unit; `clearance` in amount unit / (DV unit × time unit).
/// A value is nil when it cannot be estimated; `notes` says why, and lists the rules applied.
public struct NCAResult: Hashable, Codable, Sendable {
    public var subjectID: String
    public var output: Int
    public var route: DoseRoute?
    /// Amount and time of the first dose.
    public var dose: Double?
    public var doseTime: Double?
    /// Post-dose samples used (after removing pre-dose and excluded BLQ samples).
    public var samples: Int = 0
    public var cmax: Double?
    public var tmax: Double?
    public var clast: Double?
    public var tlast: Double?
    /// AUC from the dose to tlast, linear-up / log-down trapezoids.
    public var auclast: Double?
    /// Terminal rate constant (1/time) from a log-linear fit of the last points after Tmax.
    public var lambdaZ: Double?
    public var lambdaZTimes: [Double] = []
    public var lambdaZR2: Double?
    public var lambdaZAdjustedR2: Double?
    public var halfLife: Double?
    /// AUClast + Clast / λz.
    public var aucinf: Double?
    /// Share of AUCinf that is extrapolated beyond tlast, in percent.
    public var aucExtrapolatedPercent: Double?
    /// Dose / AUCinf for single-dose subjects: CL for IV doses, CL/F otherwise (see `clearanceLabel`).
    public var clearance: Double?
    public var notes: [String] = []

    public init(subjectID: String, output: Int) { self.subjectID = subjectID; self.output = output }

    public var clearanceLabel: String { route == .iv ? "CL" : "CL/F" }
}
