/// Options for `NONMEMReader`.
///
/// `studyName` defaults to the file name without its extension. Units are free text recorded on the study
/// (e.g. "h", "mg", "mg/L"); nil means not given (times are then taken to be hours by convention).
public struct NONMEMImportOptions: Hashable, Sendable {
    public var studyName: String?
    public var timeUnit: String?
    public var amountUnit: String?
    public var dvUnit: String?
    /// Maximum number of errors collected before the reader stops listing them (the count stays exact).
    public var maxErrors: Int

    public init(studyName: String? = nil, timeUnit: String? = nil, amountUnit: String? = nil, dvUnit: String? = nil,
                maxErrors: Int = 10) {
        self.studyName = studyName; self.timeUnit = timeUnit; self.amountUnit = amountUnit; self.dvUnit = dvUnit
        self.maxErrors = maxErrors
    }
}
