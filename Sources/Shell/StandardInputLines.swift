/// Logical lines of standard input, read lazily (each command runs as soon as its line arrives);
/// errors name `<stdin>:line`.
struct StandardInputLines: Sequence, IteratorProtocol {
    private var joiner = LineJoiner(source: "<stdin>")
    private var done = false

    mutating func next() -> ScriptLine? {
        while !done {
            guard let raw = Swift.readLine(strippingNewline: true) else {
                done = true
                return joiner.finish()
            }
            if let line = joiner.feed(raw) { return line }
        }
        return nil
    }
}
