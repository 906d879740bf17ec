import YAML

/// One mistake in an experiment, where it is and what to do: `file:line:col: error: message`.
///
/// A mistake made by a `--set` argument carries a mark whose source is the argument itself
/// (`--set fit.epochs=0`), its column counted in that text: `--set fit.epochs=0:1:18: error: ...`.
public struct Diagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    public var mark: Mark
    public var message: String

    public init(_ mark: Mark, _ message: String) {
        self.mark = mark
        self.message = message
    }

    /// A refusal of the YAML parser, kept with libyaml's (or the parser's) own position.
    public init(_ error: YAMLSyntaxError) {
        self.init(error.mark, error.message)
    }

    public var description: String { "\(mark): error: \(message)" }

    /// Orders by source (in the order given: the file, then each `--set`), then line and column;
    /// diagnostics at the same position keep the order they were found in.
    public static func sorted(_ diagnostics: [Diagnostic], sources: [String]) -> [Diagnostic] {
        func rank(_ d: Diagnostic) -> Int { sources.firstIndex(of: d.mark.source) ?? sources.count }
        return diagnostics.enumerated().sorted { a, b in
            let ka = (rank(a.element), a.element.mark.line, a.element.mark.column, a.offset)
            let kb = (rank(b.element), b.element.mark.line, b.element.mark.column, b.offset)
            return ka < kb
        }.map(\.element)
    }
}

/// Every diagnostic of an experiment that did not compile, sorted by position.
public struct CompileFailure: Error, Sendable, Equatable, CustomStringConvertible {
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One line per diagnostic, no trailing newline.
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
