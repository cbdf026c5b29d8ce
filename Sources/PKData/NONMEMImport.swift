/// The result of reading a NONMEM CSV: the study, the raw records (for export) and a report of how the file was read.
///
/// `columns` are the header names as written; every `records[i].values` has `columns.count` entries.
/// `labels[subjectID][column]` holds the first non-missing value of each categorical (non-numeric) column,
/// which is kept as a label and never used as a numeric covariate.
public struct NONMEMImport: Codable, Sendable {
    public var study: Study
    public var columns: [String]
    public var records: [NONMEMRecord]
    public var report: NONMEMImportReport
    public var labels: [String: [String: String]]

    public init(study: Study, columns: [String], records: [NONMEMRecord], report: NONMEMImportReport,
                labels: [String: [String: String]] = [:]) {
        self.study = study; self.columns = columns; self.records = records; self.report = report; self.labels = labels
    }
}
