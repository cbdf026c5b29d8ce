/// Edit distance (optimal string alignment: insertions, deletions, substitutions and adjacent
/// transpositions each cost 1; case-insensitive) and "did you mean" suggestions for mistyped names.
public enum EditDistance {
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                var best = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { best = min(best, d[i - 2][j - 2] + 1) }
                d[i][j] = best
            }
        }
        return d[a.count][b.count]
    }

    /// Candidates within distance ⌈len/3⌉ (at least 1, at most 3, and less than the word's length) of
    /// `word`, or having it as a prefix; closest first.
    public static func suggestions(for word: String, among candidates: [String]) -> [String] {
        let limit = min(3, max(1, (word.count + 2) / 3))
        var scored: [(name: String, score: Int)] = []
        for c in candidates {
            let score = (!word.isEmpty && c.hasPrefix(word)) ? 0 : distance(word, c)
            if score <= limit && score < word.count { scored.append((c, score)) }
        }
        scored.sort { a, b in a.score != b.score ? a.score < b.score : a.name < b.name }
        return scored.map { $0.name }
    }
}
