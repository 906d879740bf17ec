/// A document that is not acceptable YAML, or breaks one of the parser's limits, with where it happened.
public struct YAMLSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var mark: Mark
    public var message: String

    public init(mark: Mark, message: String) {
        self.mark = mark
        self.message = message
    }

    /// `file:line:col: error: message`, the form every diagnostic of the runner takes.
    public var description: String { "\(mark): error: \(message)" }
}
