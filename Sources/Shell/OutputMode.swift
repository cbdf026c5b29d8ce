/// How tables are written (`.mode`).
public enum OutputMode: String, CaseIterable, Sendable {
    case table, csv, json, markdown
}
