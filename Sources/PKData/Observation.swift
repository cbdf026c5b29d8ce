/// One measured concentration.
public struct Observation: Hashable, Codable, Sendable {
    public var time: Double
    /// The measured value (DV). For censored records this is the reported value (often the LLOQ or 0).
    public var value: Double
    /// Which output: 0 = parent drug in the central compartment, 1 = first metabolite, …
    public var output: Int
    /// Below the limit of quantification (BLQ/CENS = 1).
    public var censored: Bool
    public var lloq: Double?
    /// 1-based CSV row (header is row 1); nil for simulated observations.
    public var row: Int?

    public init(time: Double, value: Double, output: Int = 0, censored: Bool = false, lloq: Double? = nil, row: Int? = nil) {
        self.time = time; self.value = value; self.output = output; self.censored = censored; self.lloq = lloq; self.row = row
    }

    /// A quantified concentration: positive, finite and not censored.
    public var isQuantified: Bool { value > 0 && value.isFinite && !censored }
}
