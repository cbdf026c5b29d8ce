import Foundation
import Workbench

/// The interactive loop: prompt, line editing with history from the workspace (earlier sessions
/// reachable with Up-arrow and Ctrl-R), continuation lines, Ctrl-C clears the line, Ctrl-D leaves.
struct REPL {
    let interpreter: Interpreter

    func run() -> Interpreter.Outcome {
        let editor = LineEditor(completer: Completer(session: interpreter.session))
        for command in (try? interpreter.session.historyCommandTexts(limit: 5000)) ?? [] { editor.addHistory(command) }
        interpreter.stderr.write("aicmet workbench — workspace \(interpreter.session.workspacePath)\n"
                                 + "type `help` for commands, `.help` for shell settings, Ctrl-D to leave\n")
        var joiner = LineJoiner(source: nil)
        while true {
            Interrupts.flag.reset()
            let prompt = joiner.isContinuing ? "   ...> " : "aicmet> "
            guard let raw = editor.readLine(prompt: prompt) else {
                if Interrupts.flag.isCancelled {  // Ctrl-C at the prompt: drop the line, new prompt
                    interpreter.stderr.write("^C\n")
                    joiner = LineJoiner(source: nil)
                    continue
                }
                interpreter.stderr.write("\n")
                return .ok
            }
            guard let line = joiner.feed(raw) else { continue }
            if !line.text.trimmingCharacters(in: .whitespaces).isEmpty { editor.addHistory(line.text) }
            if let size = TerminalSize.current() { interpreter.plotSize = (size.width, max(10, size.height - 4)) }
            if interpreter.execute(line) == .quit { return .quit }
            if Interrupts.flag.isCancelled { interpreter.stderr.write("interrupted\n") }
        }
    }
}
