import ArgumentParser
import Foundation
import Workbench

/// Tab completion, independent of the line editor: given the text before the cursor, the candidates
/// for the word being typed (each a full replacement of that word). Completes verbs, subcommands,
/// dot-commands, options, option values and positionals as declared by each `ShellCommand`
/// (studies, subjects, models, file paths, fixed values).
public struct Completer {
    public let session: Session

    public init(session: Session) { self.session = session }

    /// Candidates for the last (partial) word of `prefix`, sorted, without duplicates.
    public func candidates(prefix: String) -> [String] {
        var words = (try? WordSplitter.split(prefix)) ?? prefix.split(separator: " ").map(String.init)
        let endsWithBlank = prefix.isEmpty || prefix.last == " " || prefix.last == "\t"
        let current = endsWithBlank ? "" : (words.popLast() ?? "")
        let all = options(words: words, current: current)
        return Array(Set(all.filter { $0.hasPrefix(current) })).sorted()
    }

    func options(words: [String], current: String) -> [String] {
        guard let first = words.first else { return CommandList.names + DotCommand.names }
        if first.hasPrefix(".") { return dotArguments(first, words: words, current: current) }
        if first == "help" {
            guard words.count >= 2, let verb = CommandList.verb(named: words[1]) else { return CommandList.verbs.map { $0._commandName } }
            return verb.configuration.subcommands.map { $0._commandName }
        }
        guard let verb = CommandList.verb(named: first) else { return [] }
        var type: ParsableCommand.Type = verb
        var index = 1
        while index < words.count, let sub = type.configuration.subcommands.first(where: { $0._commandName == words[index] }) {
            type = sub
            index += 1
        }
        let opts = Completer.optionSpellings(type)
        if current.hasPrefix("-") { return opts.map(\.name) }
        let shell = type as? ShellCommand.Type
        if let previous = words.last, index < words.count, previous.hasPrefix("-") {
            if let completion = shell?.optionCompletions[previous] { return values(completion, words: words, current: current) }
            if opts.first(where: { $0.name == previous })?.takesValue == true { return [] }
        }
        var positional = 0
        var i = index
        while i < words.count {
            if words[i].hasPrefix("-") {
                if opts.first(where: { $0.name == words[i] })?.takesValue == true { i += 1 }
            } else {
                positional += 1
            }
            i += 1
        }
        var result: [String] = []
        if positional == 0 && index == words.count { result += type.configuration.subcommands.map { $0._commandName } }
        if let completions = shell?.positionalCompletions,
           let completion = positional < completions.count ? completions[positional] : shell?.laterPositionalCompletion {
            result += values(completion, words: words, current: current)
        }
        return result
    }

    func dotArguments(_ dot: String, words: [String], current: String) -> [String] {
        guard words.count == 1 else { return [] }
        switch dot {
        case ".open", ".read", ".output", ".once": return files(current)
        case ".mode": return OutputMode.allCases.map(\.rawValue)
        case ".timer", ".echo", ".bail": return ["on", "off"]
        case ".help": return CommandList.names + DotCommand.names
        default: return []
        }
    }

    func values(_ completion: Completion, words: [String], current: String) -> [String] {
        let studies = (try? session.studyNames()) ?? []
        switch completion {
        case .studies: return studies
        case .subjects:
            let study = words.first(where: studies.contains) ?? session.activeStudy
            return study.map { (try? session.subjectIDs(study: $0)) ?? [] } ?? []
        case .models: return (try? session.modelNames()) ?? []
        case .files: return files(current)
        case .values(let v): return v
        case .dynamic(let f): return f(session)
        }
    }

    /// Paths starting with `partial` (relative to the working directory); directories end with "/".
    func files(_ partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let dirPart = slash.map { String(partial[...$0]) } ?? ""
        let dirURL = dirPart.isEmpty ? session.workingDirectory : session.url(for: dirPart)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dirURL.path) else { return [] }
        return names.filter { !$0.hasPrefix(".") || partial.hasPrefix(dirPart + ".") }.map { name in
            var isDir: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: dirURL.appendingPathComponent(name).path, isDirectory: &isDir)
            return dirPart + name + (isDir.boolValue ? "/" : "")
        }
    }

    /// Option spellings of a command read from its help (`--name <name>` takes a value).
    static func optionSpellings(_ type: ParsableCommand.Type) -> [(name: String, takesValue: Bool)] {
        let help = type.helpMessage(columns: 200)
        var out: [(String, Bool)] = []
        let scanner = help.components(separatedBy: .whitespacesAndNewlines)
        for (i, token) in scanner.enumerated() where token.hasPrefix("-") && token.count > 1 {
            let name = token.trimmingCharacters(in: CharacterSet(charactersIn: ",[]"))
            guard name.hasPrefix("-"), name.dropFirst().first?.isLetter == true || name.hasPrefix("--") else { continue }
            guard !out.contains(where: { $0.0 == name }) else { continue }
            let next = i + 1 < scanner.count ? scanner[i + 1] : ""
            out.append((name, next.hasPrefix("<")))
        }
        return out
    }
}
