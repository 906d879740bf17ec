import ExperimentCompiler
import YAML

/// A piece of sweep text (a `--grid` argument, or a scalar of the file's `sweep:` section) and where
/// its first character is, so every part of it can be pointed at with its own line and column.
///
/// Columns count Unicode scalars, as `Override` does for `--set`.
struct SpecText {
    let scalars: [Unicode.Scalar]
    /// The mark of `scalars[0]`.
    let start: Mark

    init(_ text: String, start: Mark) {
        scalars = Array(text.unicodeScalars)
        self.start = start
    }

    func mark(_ offset: Int) -> Mark {
        Mark(source: start.source, line: start.line, column: start.column + offset)
    }

    func text(_ range: Range<Int>) -> String {
        String(String.UnicodeScalarView(scalars[range]))
    }

    /// The ranges between commas that are not inside brackets, braces or quotes, each trimmed of blanks:
    /// `0.1, [a, b], "x,y"` is three items.
    func items(_ range: Range<Int>) -> [Range<Int>] {
        var items: [Range<Int>] = []
        var depth = 0
        var quote: Unicode.Scalar?
        var itemStart = range.lowerBound
        for i in range {
            let u = scalars[i]
            if let q = quote {
                if u == q { quote = nil }
                continue
            }
            switch u {
            case "\"", "'": quote = u
            case "[", "{", "(": depth += 1
            case "]", "}", ")": depth = max(0, depth - 1)
            case "," where depth == 0:
                items.append(trimmed(itemStart..<i))
                itemStart = i + 1
            default: break
            }
        }
        items.append(trimmed(itemStart..<range.upperBound))
        return items
    }

    func trimmed(_ range: Range<Int>) -> Range<Int> {
        var lower = range.lowerBound, upper = range.upperBound
        while lower < upper, scalars[lower] == " " || scalars[lower] == "\t" { lower += 1 }
        while upper > lower, scalars[upper - 1] == " " || scalars[upper - 1] == "\t" { upper -= 1 }
        return lower..<upper
    }

    /// Parses `scalars[range]` as one YAML value, with marks where it is written.
    func value(_ range: Range<Int>) throws(Diagnostic) -> Node {
        let text = self.text(range)
        let shift = start.column + range.lowerBound - 1
        let parsed: Node?
        do {
            parsed = try Parser().parse(text, source: start.source)
        } catch {
            var m = error.mark
            if !text.contains("\n"), m.line > 1 {
                // libyaml reports an unfinished one-line value at the start of a next line; point past its end.
                m = mark(range.upperBound)
            } else {
                m = Self.moved(m, line: start.line, shift: shift)
            }
            throw Diagnostic(m, error.message)
        }
        guard let parsed else { throw Diagnostic(mark(range.lowerBound), "the value is empty") }
        return Self.moved(parsed, line: start.line, shift: shift)
    }

    /// Moves marks parsed from a piece of text to where that text sits: its first line is shifted right.
    static func moved(_ mark: Mark, line: Int, shift: Int) -> Mark {
        Mark(source: mark.source, line: mark.line + line - 1, column: mark.line == 1 ? mark.column + shift : mark.column)
    }

    static func moved(_ node: Node, line: Int, shift: Int) -> Node {
        var node = node
        node.mark = moved(node.mark, line: line, shift: shift)
        switch node.content {
        case .scalar: break
        case .sequence(let items): node.content = .sequence(items.map { moved($0, line: line, shift: shift) })
        case .mapping(let pairs):
            node.content = .mapping(pairs.map {
                Node.Pair(key: moved($0.key, line: line, shift: shift), value: moved($0.value, line: line, shift: shift))
            })
        }
        return node
    }

    /// The steps of an override path, with marks where the path is written here.
    ///
    /// The path is checked by `Override(parsing:)`, the parser `--set` uses, so a sweep accepts exactly
    /// the paths a child run will; its marks (counted in `--set PATH=`) are moved onto this text.
    func path(_ range: Range<Int>) throws(Diagnostic) -> [Override.Step] {
        let path = text(range)
        let setColumn = "--set ".count + 1
        func moved(_ m: Mark) -> Mark { mark(range.lowerBound + m.column - setColumn) }
        do {
            let override = try Override(parsing: path + "=")
            return override.steps.map { step in
                var step = step
                step.mark = moved(step.mark)
                return step
            }
        } catch {
            throw Diagnostic(moved(error.mark), error.message)
        }
    }
}
