import ModelKinds
import YAML

/// Collects diagnostics while reading typed values out of nodes; every reader reports its own
/// mistake and returns nil, so the walk goes on and finds the next one.
///
/// Paths are written as an override would address them: `fit.epochs`, `model.layers[0].dense`.
struct Checker {
    var diagnostics: [Diagnostic] = []

    mutating func error(_ mark: Mark, _ message: String) {
        diagnostics.append(Diagnostic(mark, message))
    }

    /// The pairs of a mapping; reports anything else.
    mutating func mapping(_ node: Node, _ path: String, example: String) -> [Node.Pair]? {
        if let pairs = node.mapping { return pairs }
        error(node.mark, "'\(path)' must be a mapping such as \(example), not \(Self.describe(node))")
        return nil
    }

    /// Reports keys that are not in `known` (with a suggestion) and keys that are not names at all.
    mutating func checkKeys(_ pairs: [Node.Pair], known: [String], in path: String?) {
        let place = path.map { "in '\($0)'" } ?? "at the top level"
        for pair in pairs {
            guard let key = pair.key.scalar?.text else {
                error(pair.key.mark, "a key \(place) must be a name, not \(Self.describe(pair.key))")
                continue
            }
            if !known.contains(key) {
                error(pair.key.mark, "unknown key '\(key)' \(place)\(Suggestion.hint(for: key, among: known))")
            }
        }
    }

    /// The value under `key`, reporting it when required and absent; `at` is where the section starts.
    mutating func value(_ pairs: [Node.Pair], _ key: String, required: Bool, in path: String?, at mark: Mark) -> Node? {
        if let pair = pairs.first(where: { $0.key.scalar?.text == key }) { return pair.value }
        if required {
            error(mark, "missing key '\(key)'\(path.map { " in '\($0)'" } ?? " at the top level")")
        }
        return nil
    }

    mutating func int(_ node: Node, _ path: String, _ range: ClosedRange<Int>) -> Int? {
        switch node.scalar?.value {
        case .int(let n)?:
            if range.contains(n) { return n }
            let wording = range.upperBound == Int.max ? "at least \(range.lowerBound)"
                : "between \(range.lowerBound) and \(range.upperBound)"
            error(node.mark, "'\(path)' must be \(wording), not \(n)")
        case .integerOutOfRange(let text)?:
            error(node.mark, "'\(path)' is \(text), which does not fit in a 64-bit integer")
        default:
            error(node.mark, "'\(path)' must be an integer, not \(Self.describe(node))")
        }
        return nil
    }

    /// A number (an integer is one too) inside `bounds`; .inf and .nan are refused, and so is any value the engine
    /// cannot hold: every real-valued setting (optimizer hyperparameters, regularizer factors, dropout rates, `scale`,
    /// schedule and callback values, fractions) ends up in float32 arithmetic, where a magnitude below float32's
    /// smallest normal number (1.1754944e-38) becomes 0 or a subnormal whose reciprocal overflows, and one above its
    /// largest (3.4028235e+38) becomes infinity. So a number is 0 or rounds to a normal float32, and that float32
    /// is inside the bounds too (an open end such as rho's 1 must not be reached by rounding).
    mutating func double(_ node: Node, _ path: String, _ bounds: Bounds) -> Double? {
        let x: Double
        switch node.scalar?.value {
        case .int(let n)?: x = Double(n)
        case .float(let f)?: x = f
        case .integerOutOfRange(let text)?: x = Double(text) ?? .infinity
        default:
            error(node.mark, "'\(path)' must be a number, not \(Self.describe(node))")
            return nil
        }
        guard x.isFinite else {
            error(node.mark, "'\(path)' must be a finite number \(bounds.wording), not \(node.scalar?.text ?? "")")
            return nil
        }
        guard bounds.contains(x) else {
            error(node.mark, "'\(path)' must be \(bounds.wording), not \(node.scalar?.text ?? "")")
            return nil
        }
        guard x == 0 || Float(x).isNormal else {
            error(node.mark, "'\(path)' must be representable as a 32-bit float (between \(Float.leastNormalMagnitude) and "
                + "\(Float.greatestFiniteMagnitude)), not \(node.scalar?.text ?? "")")
            return nil
        }
        // Inside the bounds in Double but not once rounded: rho = 0.99999999 becomes 1, and the engine's 1 - rho 0.
        if let nearest = bounds.openEndReached(byRounding: Float(x)) {
            error(node.mark, "'\(path)' is \(node.scalar?.text ?? ""), which is \(Float(x)) as a 32-bit float (what the engine "
                + "computes with); it must be \(bounds.wording) there too, so \(nearest)")
            return nil
        }
        return x
    }

    mutating func bool(_ node: Node, _ path: String) -> Bool? {
        if case .bool(let b)? = node.scalar?.value { return b }
        var message = "'\(path)' must be true or false, not \(Self.describe(node))"
        if let s = node.scalar, s.style == .plain,
           ["yes", "no", "on", "off", "y", "n"].contains(s.text.lowercased()) {
            message += "; YAML 1.2 reads \(s.text) as a string, write true or false"
        }
        error(node.mark, message)
        return nil
    }

    mutating func string(_ node: Node, _ path: String) -> String? {
        if let s = node.scalar?.string { return s }
        error(node.mark, "'\(path)' must be a string, not \(Self.describe(node))")
        return nil
    }

    /// One of `known`, named as `kind` in the message: "unknown activation 'rleu'; did you mean 'relu'?".
    mutating func name(_ node: Node, _ path: String, kind: String, known: [String]) -> String? {
        guard let s = string(node, path) else { return nil }
        if known.contains(s) { return s }
        error(node.mark, "unknown \(kind) '\(s)'\(Suggestion.hint(for: s, among: known))")
        return nil
    }

    /// How a node reads in a message: `a number (51.2)`, `a string ("10")`, `a list`, `null`.
    static func describe(_ node: Node) -> String {
        guard let s = node.scalar else { return node.kindDescription }
        if case .null = s.value { return "null" }
        let shown: String
        switch s.style {
        case .singleQuoted: shown = "'\(s.text)'"
        case .doubleQuoted: shown = "\"\(s.text)\""
        default: shown = s.text
        }
        return "\(node.kindDescription) (\(shown))"
    }
}
