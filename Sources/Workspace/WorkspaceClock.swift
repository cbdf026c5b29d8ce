import Foundation

/// Timestamps as stored in the workspace: ISO 8601 UTC with milliseconds ("2026-11-27T05:20:01.123Z").
enum WorkspaceClock {
    static func string(_ date: Date) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.string(from: date)
    }

    static func date(_ string: String) -> Date {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: string) ?? Date(timeIntervalSince1970: 0)
    }
}
