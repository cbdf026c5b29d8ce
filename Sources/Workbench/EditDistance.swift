/// Levenshtein distance and "did you mean" suggestions for mistyped names.
public enum EditDistance {
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// Candidates within distance ⌈len/3⌉ (at least 1, at most 3) of `word`, or having it as a prefix;
    /// closest first.
    public static func suggestions(for word: String, among candidates: [String]) -> [String] {
        let limit = min(3, max(1, (word.count + 2) / 3))
        var scored: [(name: String, score: Int)] = []
        for c in candidates {
            let score = (!word.isEmpty && c.hasPrefix(word)) ? 0 : distance(word, c)
            if score <= limit { scored.append((c, score)) }
        }
        scored.sort { a, b in a.score != b.score ? a.score < b.score : a.name < b.name }
        return scored.map { $0.name }
    }
}
