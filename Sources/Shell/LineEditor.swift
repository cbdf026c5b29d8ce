import CEditLine
import Foundation
import Workbench

/// Line editing through libedit's readline interface: arrows, Ctrl-R reverse search, history,
/// tab completion through `Completer`.
final class LineEditor {
    /// The completer the C callback uses. Global by necessity: libedit's completion callback has no
    /// context pointer. Set while a `LineEditor` is alive.
    nonisolated(unsafe) static var completer: Completer?

    init(completer: Completer) {
        LineEditor.setLocale()
        LineEditor.completer = completer
        rl_readline_name = UnsafePointer(strdup("aicmet"))
        rl_attempted_completion_function = { text, _, end in LineEditor.complete(text, end) }
        using_history()
        stifle_history(5000)
    }

    deinit { LineEditor.completer = nil }

    /// libedit drops non-ASCII input unless LC_CTYPE is a UTF-8 locale.
    static func setLocale() {
        if let l = setlocale(LC_CTYPE, ""), String(cString: l).lowercased().contains("utf") { return }
        setlocale(LC_CTYPE, "C.UTF-8")
    }

    /// Reads one line with `prompt`; nil at end of input (Ctrl-D) or when interrupted (check the flag).
    func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    func addHistory(_ line: String) { add_history(line) }

    /// Candidates from `completer` for the word libedit hands over (`text`), as a malloc'd,
    /// NULL-terminated array [common prefix, matches…] that libedit frees.
    static func complete(_ text: UnsafePointer<CChar>?, _ end: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        guard let completer, let text, let buffer = rl_line_buffer else { return nil }
        let bytes = Array(UnsafeBufferPointer(start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                              count: Int(max(0, end))))
        let prefix = String(decoding: bytes, as: UTF8.self)
        let word = String(cString: text)
        // libedit splits words at its own break characters (blanks, quotes, '='…); keep the part of
        // each candidate that extends its word.
        let endsWithBlank = prefix.last == " " || prefix.last == "\t"
        let typed = endsWithBlank ? "" : ((try? WordSplitter.split(prefix))?.last ?? word)
        let drop = max(0, typed.count - word.count)
        let matches = completer.candidates(prefix: prefix).map { String($0.dropFirst(drop)) }.filter { $0.hasPrefix(word) }
        guard !matches.isEmpty else { return nil }
        rl_completion_append_character = matches.count == 1 && matches[0].hasSuffix("/") ? 0 : 32
        let common = matches.dropFirst().reduce(matches[0]) { $0.commonPrefix(with: $1) }
        let list = matches.count == 1 ? [matches[0]] : [common] + matches
        let raw = malloc((list.count + 1) * MemoryLayout<UnsafeMutablePointer<CChar>?>.stride)!
        let array = raw.bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: list.count + 1)
        for (i, s) in list.enumerated() { array[i] = strdup(s) }
        array[list.count] = nil
        return array
    }
}
