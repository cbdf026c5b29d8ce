import ArgumentParser
import Workbench

extension Interpreter {
    /// Parses `words` with the verb's ArgumentParser command and runs it.
    func executeVerb(_ words: [String]) throws {
        let name = words[0]
        let args = Array(words.dropFirst())
        if name == "help" {
            output.write(try helpText(args))
            return
        }
        guard let verb = CommandList.verb(named: name) else {
            let suggestions = EditDistance.suggestions(for: name, among: CommandList.names)
            throw ShellFailure("unknown command '\(name)'",
                               hint: suggestions.first.map { "did you mean '\($0)'?" }
                                   ?? "`help` lists the commands, `.help` the dot-commands")
        }
        if args.contains("--help") || args.contains("-h") || args.first == "help" {
            let text = verb.helpMessage(for: Interpreter.deepestSubcommand(verb, args), columns: helpColumns)
            output.write(text.hasSuffix("\n") ? text : text + "\n")
            return
        }
        let parsed: ParsableCommand
        do {
            parsed = try verb.parseAsRoot(args)
        } catch {
            let full = verb.fullMessage(for: error, columns: helpColumns)
            if verb.exitCode(for: error) == .success {
                output.write(full.hasSuffix("\n") ? full : full + "\n")
                return
            }
            throw Interpreter.parseFailure(full)
        }
        guard let command = parsed as? ShellCommand else {
            let help = verb.helpMessage(for: type(of: parsed), columns: helpColumns)
            throw ShellFailure("'\(name)' needs a subcommand", hint: "`\(name) --help` lists them", details: help)
        }
        let result = try command.execute(ShellContext(interpreter: self))
        progressBar.finish()  // end an unfinished progress line before the result
        render(result)
    }

    /// The subcommand of `verb` named by the leading words of `args` (skipping a leading `help`).
    static func deepestSubcommand(_ verb: ParsableCommand.Type, _ args: [String]) -> ParsableCommand.Type {
        var target = verb
        for word in args where word != "help" && !word.hasPrefix("-") {
            guard let sub = target.configuration.subcommands.first(where: { $0._commandName == word }) else { break }
            target = sub
        }
        return target
    }

    /// ArgumentParser's "Error: …\nHelp: …\nUsage: …" as a failure: first line the message, rest the details.
    static func parseFailure(_ full: String) -> ShellFailure {
        var lines = full.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var message = lines.isEmpty ? "invalid command line" : lines.removeFirst()
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return ShellFailure(message, details: lines.joined(separator: "\n"))
    }

    /// `help` (all verbs) or `help VERB [SUBCOMMAND]` (that command's --help).
    func helpText(_ args: [String]) throws -> String {
        guard let name = args.first else {
            var t = Table(columns: ["command", "what it does"])
            for verb in CommandList.verbs {
                t.append([.text(verb._commandName), .text(verb.configuration.abstract)])
            }
            t.append([.text("help"), .text("this list; `help VERB` for one command")])
            return TableRenderer.render(t, mode: .table)
                + "\nEvery command takes --help. Dot-commands control the shell: `.help` lists them.\n"
        }
        if name.hasPrefix(".") { return dotHelp(pattern: name) }
        guard let verb = CommandList.verb(named: name) else {
            let suggestions = EditDistance.suggestions(for: name, among: CommandList.names)
            throw ShellFailure("no help for unknown command '\(name)'",
                               hint: suggestions.first.map { "did you mean '\($0)'?" } ?? "`help` lists the commands")
        }
        var target: ParsableCommand.Type = verb
        for word in args.dropFirst() {
            guard let sub = target.configuration.subcommands.first(where: { $0._commandName == word }) else {
                throw ShellFailure("'\(target._commandName)' has no subcommand '\(word)'",
                                   hint: "`help \(name)` lists its subcommands")
            }
            target = sub
        }
        let text = verb.helpMessage(for: target, columns: helpColumns)
        return text.hasSuffix("\n") ? text : text + "\n"
    }
}
