import ArgumentParser
import Workbench

/// A verb (or a subcommand of one) the shell can run: an ArgumentParser command plus `execute`.
/// Parsing, `--help`, usage on error and option suggestions come from ArgumentParser; `execute`
/// calls one function of `Session` (Workbench) and returns its result for the shell to render.
public protocol ShellCommand: ParsableCommand {
    /// Runs the parsed command. Throw `WorkbenchError` (message + hint) on failure.
    func execute(_ context: ShellContext) throws -> CommandResult
    /// Tab completion of positional arguments, by position (default: none).
    static var positionalCompletions: [Completion] { get }
    /// Tab completion of the positional arguments after those of `positionalCompletions` (a variadic
    /// argument; default: none).
    static var laterPositionalCompletion: Completion? { get }
    /// Tab completion of option values, keyed by option spelling ("--subject") (default: none).
    static var optionCompletions: [String: Completion] { get }
}

extension ShellCommand {
    public static var positionalCompletions: [Completion] { [] }
    public static var laterPositionalCompletion: Completion? { nil }
    public static var optionCompletions: [String: Completion] { [:] }
    /// ArgumentParser's `run()` is not used inside the shell.
    public func run() throws {}
}

/// What a word can be completed with.
public enum Completion {
    /// Study names of the open workspace.
    case studies
    /// Subject IDs of the study named on the line (or the active study).
    case subjects
    /// Model names of the open workspace.
    case models
    /// File and directory paths.
    case files
    /// A fixed list.
    case values([String])
    /// Computed from the session (e.g. plugin ids from the registry).
    case dynamic((Session) -> [String])
}
