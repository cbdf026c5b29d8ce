import Foundation

/// `aicmet run FILE…`: runs each file in order through the interpreter (errors name `FILE:line`).
/// With `--bail` the first failure stops everything; otherwise every file runs.
enum ScriptFiles {
    static func run(_ paths: [String], interpreter: Interpreter) -> Interpreter.Outcome {
        var failed = false
        for path in paths {
            guard let text = try? String(contentsOf: interpreter.session.url(for: path), encoding: .utf8) else {
                interpreter.report(ShellFailure("cannot read script '\(path)'", hint: "check the path"), at: nil)
                failed = true
                if interpreter.bail { return .failed }
                continue
            }
            switch interpreter.run(LineJoiner.lines(of: text, source: path)) {
            case .ok: continue
            case .quit: return .quit
            case .failed:
                failed = true
                if interpreter.bail { return .failed }
            }
        }
        return failed ? .failed : .ok
    }
}
