/// The dot-commands of the shell, with their usage and one line of help (for `.help` and completion).
public struct DotCommand: Sendable {
    public var name: String
    public var usage: String
    public var summary: String

    public static let all: [DotCommand] = [
        DotCommand(name: ".help", usage: ".help [PATTERN]", summary: "list dot-commands and verbs (matching PATTERN)"),
        DotCommand(name: ".open", usage: ".open PATH", summary: "open (or create) another workspace file"),
        DotCommand(name: ".read", usage: ".read FILE", summary: "run the commands of a script file"),
        DotCommand(name: ".mode", usage: ".mode table|csv|json|markdown", summary: "how tables are printed"),
        DotCommand(name: ".output", usage: ".output [FILE]", summary: "send output to FILE (no FILE: back to the terminal)"),
        DotCommand(name: ".once", usage: ".once FILE", summary: "send the next command's output to FILE"),
        DotCommand(name: ".timer", usage: ".timer on|off", summary: "print each command's run time"),
        DotCommand(name: ".echo", usage: ".echo on|off", summary: "print each command before running it"),
        DotCommand(name: ".bail", usage: ".bail on|off", summary: "stop a script at the first error"),
        DotCommand(name: ".seed", usage: ".seed N", summary: "seed for random draws (same seed, same numbers)"),
        DotCommand(name: ".show", usage: ".show", summary: "show the current settings"),
        DotCommand(name: ".quit", usage: ".quit", summary: "leave the shell (Ctrl-D also)"),
    ]

    public static var names: [String] { all.map(\.name) }
}
