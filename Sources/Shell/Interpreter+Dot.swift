import Foundation
import Workbench

extension Interpreter {
    /// Runs a dot-command (`.mode csv`, …).
    func executeDot(_ name: String, _ args: [String], line: ScriptLine) throws -> Outcome {
        func one(_ what: String) throws -> String {
            guard args.count == 1 else {
                throw ShellFailure("\(name) takes \(what)", hint: "usage: " + (DotCommand.all.first { $0.name == name }?.usage ?? name))
            }
            return args[0]
        }
        func onOff() throws -> Bool {
            let v = try one("on or off").lowercased()
            guard v == "on" || v == "off" else { throw ShellFailure("\(name) takes on or off, not '\(v)'", hint: "usage: \(name) on|off") }
            return v == "on"
        }
        switch name {
        case ".help":
            output.write(dotHelp(pattern: args.first))
        case ".quit", ".exit":
            return .quit
        case ".mode":
            let v = try one("a mode")
            guard let m = OutputMode(rawValue: v.lowercased()) else {
                throw ShellFailure("unknown mode '\(v)'", hint: "choose one of " + OutputMode.allCases.map(\.rawValue).joined(separator: ", "))
            }
            mode = m
        case ".timer": timer = try onOff()
        case ".echo": echo = try onOff()
        case ".bail": bail = try onOff()
        case ".seed":
            let v = try one("a number")
            guard let seed = UInt64(v) else { throw ShellFailure("seed '\(v)' is not a non-negative integer", hint: "e.g. .seed 42") }
            session.seed = seed
        case ".output":
            if args.isEmpty || args == ["stdout"] {
                redirect = nil
            } else {
                redirect = try FileSink(path: session.url(for: try one("one FILE")).path)
            }
        case ".once":
            once = try FileSink(path: session.url(for: try one("one FILE")).path)
        case ".open":
            try session.open(workspacePath: try one("one PATH"))
        case ".read":
            return try read(try one("one FILE"))
        case ".show":
            output.write(show())
        default:
            let suggestions = EditDistance.suggestions(for: name, among: DotCommand.names)
            throw ShellFailure("unknown dot-command '\(name)'",
                               hint: suggestions.first.map { "did you mean '\($0)'?" } ?? "`.help` lists the dot-commands")
        }
        return .ok
    }

    /// `.read FILE`: runs the file's lines (errors name `FILE:line`); fails when any line failed.
    func read(_ path: String) throws -> Outcome {
        let url = session.url(for: path)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ShellFailure("cannot read script '\(path)'", hint: "check the path (relative to \(session.workingDirectory.path))")
        }
        return runNested(LineJoiner.lines(of: text, source: path))
    }

    func dotHelp(pattern: String?) -> String {
        let p = pattern?.lowercased()
        func matches(_ s: String...) -> Bool { p == nil || s.contains { $0.lowercased().contains(p!) } }
        var dots = Table(columns: ["dot-command", "what it does"])
        for d in DotCommand.all where matches(d.usage, d.summary) { dots.append([.text(d.usage), .text(d.summary)]) }
        var verbs = Table(columns: ["command", "what it does"])
        for v in CommandList.verbs where matches(v._commandName, v.configuration.abstract) {
            verbs.append([.text(v._commandName), .text(v.configuration.abstract)])
            for s in v.configuration.subcommands where matches(v._commandName + " " + s._commandName, s.configuration.abstract) {
                verbs.append([.text(v._commandName + " " + s._commandName), .text(s.configuration.abstract)])
            }
        }
        var out = ""
        if !dots.rows.isEmpty { out += TableRenderer.render(dots, mode: .table) }
        if !verbs.rows.isEmpty { out += (out.isEmpty ? "" : "\n") + TableRenderer.render(verbs, mode: .table) }
        return out.isEmpty ? "nothing matches '\(pattern ?? "")'\n" : out
    }

    func show() -> String {
        let rows: [(String, String)] = [
            ("workspace", session.workspacePath),
            ("mode", mode.rawValue),
            ("output", once?.path ?? redirect?.path ?? "stdout"),
            ("timer", timer ? "on" : "off"),
            ("echo", echo ? "on" : "off"),
            ("bail", bail ? "on" : "off"),
            ("seed", String(session.seed)),
            ("study", session.activeStudy ?? ""),
            ("model", session.activeModel ?? ""),
            ("history session", String(session.historySession)),
        ]
        return rows.map { String(repeating: " ", count: 15 - $0.0.count) + $0.0 + ": " + ($0.1.isEmpty ? "-" : $0.1) + "\n" }.joined()
    }
}
