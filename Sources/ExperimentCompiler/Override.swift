import YAML

/// One `--set PATH=VALUE` argument: a path into the experiment and a YAML value.
///
/// PATH is keys separated by `.`, with `[N]` for a list item (`model.layers[0].dense`); VALUE is
/// parsed by the same YAML parser as the file (`[accuracy]` is a list, `"10"` a string).
/// Marks point into the argument as the user typed it: their source is `--set PATH=VALUE` and their
/// column counts characters of that text, so `--set fit.epochs=0` reports the value at column 18.
public struct Override: Sendable {
    /// One step of the path, with where it is written.
    public struct Step: Sendable, Equatable {
        public enum Kind: Sendable, Equatable {
            case key(String)
            case index(Int)
        }
        public var kind: Kind
        public var mark: Mark
    }

    /// The argument without `--set`: `fit.epochs=0`.
    public var argument: String
    public var steps: [Step]
    public var value: Node

    /// The name marks carry: `--set fit.epochs=0`.
    public var source: String { Self.source(argument) }

    static func source(_ argument: String) -> String { "--set \(argument)" }
    /// Column of the argument's first character within `source`.
    private static let firstColumn = "--set ".count + 1

    public init(parsing argument: String) throws(Diagnostic) {
        self.argument = argument
        let source = Self.source(argument)
        let chars = Array(argument.unicodeScalars)
        func mark(_ i: Int) -> Mark { Mark(source: source, line: 1, column: Self.firstColumn + i) }
        guard let eq = chars.firstIndex(of: "=") else {
            throw Diagnostic(mark(0), "expected PATH=VALUE, such as --set fit.epochs=20")
        }
        guard eq > 0 else {
            throw Diagnostic(mark(0), "the path before '=' is empty; expected PATH=VALUE, such as --set fit.epochs=20")
        }
        steps = try Self.steps(chars[..<eq], mark: mark)
        let text = String(String.UnicodeScalarView(chars[(eq + 1)...]))
        let shift = Self.firstColumn + eq
        do {
            let parsed = try Parser().parse(text, source: source)
            value = parsed.map { Self.shifted($0, by: shift) }
                ?? Node(.scalar(Scalar(text: "")), mark: mark(eq + 1))
        } catch {
            var e = error.mark
            if !text.contains("\n"), e.line > 1 {
                // libyaml reports an unfinished one-line value at the start of a next line; point past its end instead.
                e = Mark(source: source, line: 1, column: Self.firstColumn + chars.count)
            } else if e.line == 1 {
                e.column += shift
            }
            throw Diagnostic(e, error.message)
        }
    }

    /// `name(.name|[N])*` where a name is letters, digits, `_` and `-`.
    private static func steps(_ path: ArraySlice<Unicode.Scalar>, mark: (Int) -> Mark) throws(Diagnostic) -> [Step] {
        let pathText = String(String.UnicodeScalarView(path))
        func malformed(_ i: Int, _ what: String) -> Diagnostic {
            Diagnostic(mark(i), "malformed path '\(pathText)': \(what); write keys separated by '.' and list items as [N], such as model.layers[0].dense")
        }
        var steps: [Step] = []
        var i = path.startIndex
        while true {
            let start = i
            while i < path.endIndex, isNameCharacter(path[i]) { i += 1 }
            guard i > start else {
                throw malformed(i, i < path.endIndex ? "unexpected '\(path[i])'" : "a key is missing at the end")
            }
            steps.append(Step(kind: .key(String(String.UnicodeScalarView(path[start..<i]))), mark: mark(start)))
            while i < path.endIndex, path[i] == "[" {
                let open = i
                i += 1
                let digits = i
                while i < path.endIndex, ("0"..."9").contains(path[i]) { i += 1 }
                guard i > digits, i < path.endIndex, path[i] == "]" else { throw malformed(open, "expected a list index such as [0]") }
                guard let n = Int(String(String.UnicodeScalarView(path[digits..<i]))) else {
                    throw malformed(open, "the index is too large")
                }
                steps.append(Step(kind: .index(n), mark: mark(open)))
                i += 1
            }
            if i == path.endIndex { return try bounded(steps) }
            guard path[i] == "." else { throw malformed(i, "unexpected '\(path[i])'") }
            i += 1
        }
    }

    /// Setting and building a path recurse once per step, and its text is copied at every step: a
    /// path deeper than the parser lets a file nest cannot name anything, and a 60,000-step one
    /// (a 120 KB argument) overflowed the stack.
    private static func bounded(_ steps: [Step]) throws(Diagnostic) -> [Step] {
        let maxSteps = Parser.Limits().maxDepth
        guard steps.count > maxSteps else { return steps }
        throw Diagnostic(steps[maxSteps].mark,
                         "the path has \(steps.count) steps; a path may have at most \(maxSteps), as deep as an experiment file may nest")
    }

    private static func isNameCharacter(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-": return true
        default: return false
        }
    }

    /// Moves first-line marks right by `shift` columns, from the value's own text to the whole argument.
    private static func shifted(_ node: Node, by shift: Int) -> Node {
        var node = node
        if node.mark.line == 1 { node.mark.column += shift }
        switch node.content {
        case .scalar: break
        case .sequence(let items): node.content = .sequence(items.map { shifted($0, by: shift) })
        case .mapping(let pairs):
            node.content = .mapping(pairs.map { Node.Pair(key: shifted($0.key, by: shift), value: shifted($0.value, by: shift)) })
        }
        return node
    }
}
