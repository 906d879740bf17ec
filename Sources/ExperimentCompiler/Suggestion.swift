/// "Did you mean ...?": the known name closest to a misspelt one, if it is close enough.
public enum Suggestion {
    /// The closest of `candidates` by `distance`, when at most max(1, min(3, count / 3)) edits away;
    /// case is ignored, so `ReLU` suggests `relu`. Ties go to the earlier candidate. Failing that,
    /// the one candidate that the word begins (`softm` -> `softmax`).
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let lowered = word.lowercased()
        let limit = max(1, min(3, word.count / 3))
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != word {
            let d = distance(lowered, candidate.lowercased())
            if d <= limit, d < best?.distance ?? Int.max { best = (candidate, d) }
        }
        if let best { return best.name }
                let completions = candidates.filter { word.count >= 3 && $0.lowercased().hasPrefix(lowered) }
        return completions.count == 1 ? completions[0] : nil
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and adjacent
    /// transpositions each cost 1 (Damerau 1964), so `rleu` is one edit from `relu`.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// "; did you mean 'relu'?" or, with no close name, " (expected one of: a, b, c)".
    static func hint(for word: String, among candidates: [String]) -> String {
        if let close = closest(to: word, among: candidates) { return "; did you mean '\(close)'?" }
        return " (expected one of: \(candidates.joined(separator: ", ")))"
    }
}
