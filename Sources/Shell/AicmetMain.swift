import ArgumentParser
import Foundation
import Workbench

/// The `aicmet` program: `aicmet [--workspace PATH]` (REPL, or the commands of standard input when it
/// is not a terminal), `aicmet run FILE… [--bail]`, `aicmet -c "CMD"`. Exit status 0 when every
/// command succeeded, 1 when one failed, 2 for a bad invocation or a workspace that cannot be opened.
public enum AicmetMain {
    struct Options: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "aicmet",
            abstract: "AICMET Workbench: population PK studies, NCA and forecasting in a REPL.",
            discussion: "Without -c or run: the REPL when standard input is a terminal, else the commands read from it. "
                + "Exit status: 0 when every command succeeded, 1 when one failed, 2 for a bad invocation.")
        @Option(help: "Workspace file (default: $AICMET_WORKSPACE, else workspace/workbench.sqlite).")
        var workspace: String?
        @Option(name: .customShort("c"), help: ArgumentHelp("Run a command line and exit; repeat -c to run several in order (-c:N names the N-th in errors).", valueName: "command"))
        var commands: [String] = []
        @Flag(help: "Stop at the first failing command.")
        var bail = false
        @Argument(help: "`run FILE…` runs script files.")
        var words: [String] = []
    }

    public static func run(_ arguments: [String]) -> Int32 {
        let options: Options
        do {
            options = try Options.parse(arguments)
        } catch {
            let message = Options.fullMessage(for: error)
            let success = Options.exitCode(for: error) == .success
            let text = Data((message + "\n").utf8)
            (success ? FileHandle.standardOutput : FileHandle.standardError).write(text)
            return success ? 0 : 2
        }
        var files: [String] = []
        if let first = options.words.first {
            guard first == "run", options.words.count > 1 else {
                FileHandle.standardError.write(Data("aicmet: unknown arguments \(options.words.joined(separator: " ")); use `aicmet run FILE…` or `aicmet -c CMD`\n".utf8))
                return 2
            }
            files = Array(options.words.dropFirst())
        }
        if !options.commands.isEmpty && !files.isEmpty {
            FileHandle.standardError.write(Data("aicmet: give either -c CMD or run FILE…, not both\n".utf8))
            return 2
        }
        let interactive = options.commands.isEmpty && files.isEmpty && isatty(0) == 1
        let session: Session
        do {
            session = try Session(workspacePath: WorkspaceLocation.resolve(explicit: options.workspace),
                                  cancellation: Interrupts.flag)
        } catch {
            let e = WorkbenchError.from(error)
            FileHandle.standardError.write(Data("aicmet: \(e.message)\n\(e.hint.map { "hint: \($0)\n" } ?? "")".utf8))
            return 2
        }
        Interrupts.install()
        let size = interactive ? TerminalSize.current() : nil
        let interpreter = Interpreter(
            session: session, stdout: FileDescriptorSink.standardOutput, stderr: FileDescriptorSink.standardError,
            interactive: interactive, style: interactive ? Style.detect() : Style(color: false),
            plotSize: size.map { ($0.width, max(10, $0.height - 4)) } ?? (72, 20),
            helpColumns: size?.width ?? 80)
        interpreter.bail = options.bail
        let outcome: Interpreter.Outcome
        if !options.commands.isEmpty {
            outcome = interpreter.run(LineJoiner.lines(of: options.commands.joined(separator: "\n"), source: "-c"))
        } else if !files.isEmpty {
            outcome = ScriptFiles.run(files, interpreter: interpreter)
        } else if interactive {
            outcome = REPL(interpreter: interpreter).run()
        } else {
            outcome = interpreter.run(StandardInputLines())
        }
        return outcome == .failed || (!interactive && interpreter.failures > 0) ? 1 : 0
    }
}
