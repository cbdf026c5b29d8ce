import ArgumentParser

/// The verbs of the command language, in the order `help` lists them.
///
/// How to add a verb (e.g. `forecast`):
/// 1. Workbench: add `Sources/Workbench/Session+Forecast.swift` with one function per command,
///    `extension Session { public func forecast(…) throws -> CommandResult }`, no terminal I/O; errors
///    are `WorkbenchError(message, hint:)`; long loops call `try checkCancelled()` (Ctrl-C) and take a
///    `progress: ProgressHandler` parameter. Tables are `Table` values (`Cell.number(x)` keeps full
///    precision for `.mode csv|json`), plots are `PlotFigure`s, diagnostics are `.note(…)` blocks.
/// 2. Shell: add `Sources/Shell/ForecastCommand.swift`: a `struct ForecastCommand: ShellCommand` with
///    `static let configuration = CommandConfiguration(commandName: "forecast", abstract: "…")`,
///    its `@Argument`/`@Option`/`@Flag`s, and `func execute(_ context: ShellContext) throws -> CommandResult
///    { try context.session.forecast(…) }`. A verb with subcommands (like `study`) is a plain
///    `ParsableCommand` whose `subcommands` are `ShellCommand`s. Pass `context.progressHandler` as the
///    progress handler of long work; use `context.session.seed` for randomness. Optionally declare
///    `positionalCompletions` / `optionCompletions` for tab completion.
/// 3. Add `ForecastCommand.self` to `verbs` below. Then add a transcript test
///    (`Tests/ShellTests/Transcripts/forecast.aicmet`, see the README there).
public enum CommandList {
    public static let verbs: [ParsableCommand.Type] = [
        StudyCommand.self,
        NCACommand.self,
        PriorCommand.self,
        PluginCommand.self,
        SimulateCommand.self,
        EvaluateCommand.self,
        ReportCommand.self,
        PlotCommand.self,
        HistoryCommand.self,
        ModelCommand.self,
        TrainCommand.self,
        FinetuneCommand.self,
        ForecastCommand.self,
        GenerateCommand.self,
    ]

    /// The verb whose command name is `name`, if any.
    public static func verb(named name: String) -> ParsableCommand.Type? {
        verbs.first { $0._commandName == name }
    }

    /// Every verb name plus `help`.
    public static var names: [String] { verbs.map { $0._commandName } + ["help"] }
}
