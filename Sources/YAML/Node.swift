/// One node of a YAML document: a scalar, a sequence or a mapping, with the mark where it starts.
///
/// Mapping keys are nodes too, so a diagnostic about a key can point at the key itself.
public struct Node: Sendable {
    /// The node's content.
    public enum Content: Sendable {
        case scalar(Scalar)
        case sequence([Node])
        case mapping([Pair])
    }

    /// One key-value entry of a mapping, in file order.
    public struct Pair: Sendable {
        public var key: Node
        public var value: Node
        public init(key: Node, value: Node) {
            self.key = key
            self.value = value
        }
    }

    public var content: Content
    public var mark: Mark

    public init(_ content: Content, mark: Mark) {
        self.content = content
        self.mark = mark
    }

    public var scalar: Scalar? {
        if case .scalar(let s) = content { return s }
        return nil
    }

    public var sequence: [Node]? {
        if case .sequence(let items) = content { return items }
        return nil
    }

    public var mapping: [Pair]? {
        if case .mapping(let pairs) = content { return pairs }
        return nil
    }

    /// The value under a string key of a mapping, or nil.
    public subscript(key: String) -> Node? {
        mapping?.first { $0.key.scalar?.string == key }?.value
    }

    /// What kind of node this is, as a diagnostic would name it ("a mapping", "an integer", ...).
    public var kindDescription: String {
        switch content {
        case .sequence: return "a list"
        case .mapping: return "a mapping"
        case .scalar(let s): return s.kindDescription
        }
    }
}
