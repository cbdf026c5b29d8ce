import Foundation

/// Terminal styling: ANSI colour only when enabled (a terminal and `NO_COLOR` unset).
public struct Style: Sendable {
    public var color: Bool
    public init(color: Bool) { self.color = color }

    /// Colour for interactive use: both stdout and stderr are terminals and NO_COLOR is unset or empty.
    public static func detect(environment: [String: String] = ProcessInfo.processInfo.environment) -> Style {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        return Style(color: !noColor && isatty(1) == 1 && isatty(2) == 1 && environment["TERM"] != "dumb")
    }

    func wrap(_ s: String, _ code: String) -> String { color ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s }
    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func red(_ s: String) -> String { wrap(s, "31") }
    public func yellow(_ s: String) -> String { wrap(s, "33") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
}
