/// A position in a named source: 1-based line and column, as editors and compilers print them.
///
/// libyaml counts from 0; `Mark.init(source:libyamlLine:libyamlColumn:)` is the one place that converts.
public struct Mark: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// What the position is in: a file path, or a label such as `--set fit.epochs=0`.
    public var source: String
    public var line: Int
    public var column: Int

    public init(source: String, line: Int, column: Int) {
        self.source = source
        self.line = line
        self.column = column
    }

    /// Converts libyaml's 0-based line and column.
    init(source: String, libyamlLine: Int, libyamlColumn: Int) {
        self.init(source: source, line: libyamlLine + 1, column: libyamlColumn + 1)
    }

    public static func < (a: Mark, b: Mark) -> Bool {
        (a.source, a.line, a.column) < (b.source, b.line, b.column)
    }

    public var description: String { "\(source):\(line):\(column)" }
}
