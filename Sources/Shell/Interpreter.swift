import ArgumentParser
import Foundation
import Workbench

/// Runs the command language, one logical line at a time: dot-commands for the shell, verbs of
/// `CommandList` for the workbench. The REPL, `aicmet run`, `aicmet -c`, piped stdin, `.read` and the
/// transcript tests all go through `execute` / `run`, so they behave the same.
public final class Interpreter {
    public enum Outcome: Equatable { case ok, failed, quit }

    public let session: Session
    public var mode: OutputMode = .table
    public var timer = false
    public var echo = false
    public var bail = false
    /// Interactive: errors say `error:` instead of `file:line:`; progress bars are shown.
    public let interactive: Bool
    public var style: Style
    /// Columns × rows for plots.
    public var plotSize: (width: Int, height: Int)
    /// Help text width (ArgumentParser wraps to it).
    public var helpColumns: Int

    let stdout: TextSink
    let stderr: TextSink
    /// `.output FILE` (until `.output` again) and `.once FILE` (next command only).
    var redirect: FileSink?
    var once: FileSink?
    let progressBar: ProgressBar
    /// Commands that failed so far (nested ones included); the exit status of batch runs is non-zero when > 0.
    public private(set) var failures = 0
    /// > 0 while running lines of `.read` or `history replay` (those are not recorded in history).
    var depth = 0

    public init(session: Session, stdout: TextSink, stderr: TextSink, interactive: Bool, style: Style,
                plotSize: (width: Int, height: Int) = (72, 20), helpColumns: Int = 80) {
        self.session = session; self.stdout = stdout; self.stderr = stderr
        self.interactive = interactive; self.style = style; self.plotSize = plotSize; self.helpColumns = helpColumns
        progressBar = ProgressBar(sink: stderr, enabled: interactive)
    }

    /// Where command output goes now.
    var output: TextSink { once ?? redirect ?? stdout }

    /// Runs lines in order; stops at `.quit`, after an interrupted (Ctrl-C) command, or at the first
    /// failure when `.bail on`. Returns `.failed` when any line failed, `.quit` when `.quit` was reached.
    public func run<S: Sequence>(_ lines: S) -> Outcome where S.Element == ScriptLine {
        var failed = false
        for line in lines {
            let outcome = execute(line)
            if session.cancellation.isCancelled {
                if depth == 0 { stderr.write("interrupted: the rest of the script is skipped\n") }
                return .failed
            }
            switch outcome {
            case .ok: continue
            case .quit: return .quit
            case .failed:
                failed = true
                if bail { return .failed }
            }
        }
        return failed ? .failed : .ok
    }

    /// Runs lines from inside a command (`.read`, `history replay`): not recorded in history.
    func runNested(_ lines: [ScriptLine]) -> Outcome {
        depth += 1
        defer { depth -= 1 }
        return run(lines)
    }

    /// Runs one logical line: prints its output and errors, records it in history (top level only).
    public func execute(_ line: ScriptLine) -> Outcome {
        let words: [String]
        do {
            words = try WordSplitter.split(line.text)
        } catch {
            let failure = ShellFailure((error as? WordSplitter.Failure)?.message ?? "\(error)",
                                       hint: "close the quote, or escape it with a backslash")
            report(failure, at: line)
            failures += 1
            if depth == 0 {
                try? session.recordHistory(command: line.text.trimmingCharacters(in: .whitespaces),
                                           error: WorkbenchError(failure.message), started: Date(), finished: Date())
            }
            return .failed
        }
        guard let first = words.first else { return .ok }
        if echo { output.write(line.text.trimmingCharacters(in: .whitespaces) + "\n") }

        let started = Date()
        session.cancellation.reset()
        let wasRunning = Interrupts.running.isSet  // nested lines (.read, replay) keep the outer state
        Interrupts.running.set(true)
        defer { Interrupts.running.set(wasRunning) }
        var outcome = Outcome.ok
        var failure: WorkbenchError?
        do {
            if first.hasPrefix(".") {
                outcome = try executeDot(first, Array(words.dropFirst()), line: line)
            } else {
                try executeVerb(words)
            }
        } catch {
            progressBar.finish()  // the error starts on a line of its own
            let e = asFailure(error)
            report(e, at: line)
            failure = WorkbenchError(e.message, hint: e.hint)
            outcome = .failed
        }
        if outcome == .failed {
            failures += 1
            if failure == nil { failure = WorkbenchError("failed") }
        }
        progressBar.finish()
        let finished = Date()
        if once != nil && first != ".once" { once = nil }
        if timer && first != ".timer" {
            stderr.write(style.dim(String(format: "Run Time: %.3f s", finished.timeIntervalSince(started))) + "\n")
        }
        if depth == 0 && first != ".quit" {
            do {
                try session.recordHistory(command: line.text.trimmingCharacters(in: .whitespaces), error: failure,
                                          started: started, finished: finished)
            } catch {
                report(asFailure(error), at: nil)
            }
        }
        return outcome
    }

    func asFailure(_ error: Error) -> ShellFailure {
        switch error {
        case let e as ShellFailure: return e
        case let e as WorkbenchError: return ShellFailure(e.message, hint: e.hint)
        default:
            let e = WorkbenchError.from(error)
            return ShellFailure(e.message, hint: e.hint)
        }
    }

    /// Prints an error to stderr: `file:line: message` in scripts, `error: message` at the prompt,
    /// then `hint: …` and any details (e.g. a usage).
    func report(_ failure: ShellFailure, at line: ScriptLine?) {
        let prefix = line?.location.map { "\($0): " } ?? "error: "
        var text = style.red(prefix + failure.message) + "\n"
        if let hint = failure.hint { text += "hint: " + hint + "\n" }
        if let details = failure.details, !details.isEmpty { text += details.hasSuffix("\n") ? details : details + "\n" }
        stderr.write(text)
    }

    /// Renders a command's result: tables, text and plots to the output (in table mode a blank line
    /// precedes a table that follows another block), notes to stderr.
    func render(_ result: CommandResult) {
        let toTerminal = once == nil && redirect == nil
        var first = true
        for block in result.blocks {
            if case .note(let s) = block {
                stderr.write(style.yellow(s) + "\n")
                continue
            }
            var isTable = false
            if case .table = block { isTable = true }
            if !first && isTable && mode == .table { output.write("\n") }
            first = false
            switch block {
            case .table(let t):
                output.write(TableRenderer.render(t, mode: mode, bold: toTerminal ? style.bold : { $0 }))
            case .text(let s):
                output.write(s.hasSuffix("\n") ? s : s + "\n")
            case .plot(let p):
                output.write(PlotRendering.render(p, width: plotSize.width, height: plotSize.height,
                                                  color: toTerminal && style.color))
            case .note:
                break
            }
        }
    }
}
