import Foundation

/// One command as recorded in the history: `id` is global and increasing (what `history replay`
/// ranges refer to); `sequence` counts commands within a session from 1.
public struct HistoryEntry: Hashable, Sendable {
    public enum Status: String, Sendable { case ok, error }
    public var id: Int64
    public var session: Int64
    public var sequence: Int
    public var command: String
    public var status: Status
    /// The error message when `status == .error`.
    public var message: String?
    public var started: Date
    public var finished: Date
    /// Seconds.
    public var duration: Double
}
