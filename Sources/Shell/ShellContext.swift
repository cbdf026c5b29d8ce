import Foundation
import Workbench

/// What a running command may use: the session, the terminal size for plots, progress reporting,
/// and (for `history replay`) running further command lines.
public struct ShellContext {
    let interpreter: Interpreter

    public var session: Session { interpreter.session }
    /// Character cells available for a plot: the terminal size when interactive, else 72×20.
    public var plotSize: (width: Int, height: Int) { interpreter.plotSize }

    /// Shows progress of long work on stderr (a bar with `done/total`, the live metric and an ETA) when
    /// interactive; silent in batch mode. Call with `done == total` to finish the bar.
    public func progress(done: Int, total: Int, metric: String = "") {
        interpreter.progressBar.update(done: done, total: total, metric: metric)
    }

    /// Writes a diagnostic line to stderr right away (results should be returned, not noted).
    public func note(_ text: String) {
        interpreter.stderr.write(interpreter.style.dim(text) + "\n")
    }

    /// `progress` as a `ProgressHandler`, to pass to Workbench functions of long work.
    public var progressHandler: ProgressHandler {
        let bar = interpreter.progressBar
        return { done, total, metric in bar.update(done: done, total: total, metric: metric) }
    }

    /// Runs lines as if typed (not recorded again in history); false when any failed.
    public func run(lines: [ScriptLine]) -> Bool {
        interpreter.runNested(lines) != .failed
    }
}
