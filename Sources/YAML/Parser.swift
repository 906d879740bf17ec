import CYAML

/// Builds a `Node` tree from libyaml's parser events, refusing what an experiment file must not contain.
///
/// The builder keeps its own stack instead of recursing, so a 20,000-level file is refused at
/// `limits.maxDepth` instead of overflowing the stack; aliases are expanded by sharing (copy-on-write
/// arrays), and their expanded size is counted against `limits.maxNodes` before anything is copied,
/// so a "billion laughs" file is refused at once.
public struct Parser {
    /// Bounds on what one document may contain.
    public struct Limits: Sendable {
        public var maxBytes: Int = 1 << 20
        public var maxDepth: Int = 64
        public var maxNodes: Int = 100_000
        public init() {}
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses the single document in `text`; nil when the stream holds no document at all.
    ///
    /// - Parameter source: the name marks carry (a file path, or a `--set` argument).
    public func parse(_ bytes: [UInt8], source: String) throws(YAMLSyntaxError) -> Node? {
        if bytes.count > limits.maxBytes {
            throw YAMLSyntaxError(
                mark: Mark(source: source, line: 1, column: 1),
                message: "file is \(bytes.count) bytes; the limit is \(limits.maxBytes)")
        }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLSyntaxError(mark: Mark(source: source, line: 1, column: 1), message: "out of memory")
        }
        defer { yaml_parser_delete(parser) }
        return try bytes.withUnsafeBufferPointer { buffer throws(YAMLSyntaxError) -> Node? in
            yaml_parser_set_input_string(parser, buffer.baseAddress, buffer.count)
            var builder = TreeBuilder(source: source, limits: limits, bytes: buffer)
            return try builder.run(parser)
        }
    }

    /// Parses UTF-8 text.
    public func parse(_ text: String, source: String) throws(YAMLSyntaxError) -> Node? {
        try parse(Array(text.utf8), source: source)
    }
}

/// The event loop: one frame per open collection.
private struct TreeBuilder {
    let source: String
    let limits: Parser.Limits
    let bytes: UnsafeBufferPointer<UInt8>

    private enum Frame {
        case sequence(mark: Mark, anchor: String?, items: [Node], size: Int)
        case mapping(mark: Mark, anchor: String?, pairs: [Node.Pair], pendingKey: Node?, seen: [Scalar.Value: Mark], size: Int)
    }

    private var stack: [Frame] = []
    private var anchors: [String: (node: Node, size: Int)] = [:]
    private var nodeCount = 0
    private var documents = 0
    private var root: Node?

    init(source: String, limits: Parser.Limits, bytes: UnsafeBufferPointer<UInt8>) {
        self.source = source
        self.limits = limits
        self.bytes = bytes
    }

    mutating func run(_ parser: UnsafeMutablePointer<yaml_parser_t>) throws(YAMLSyntaxError) -> Node? {
        var event = yaml_event_t()
        while true {
            guard yaml_parser_parse(parser, &event) != 0 else { throw libyamlError(parser.pointee) }
            defer { yaml_event_delete(&event) }
            let mark = Mark(source: source, libyamlLine: Int(event.start_mark.line), libyamlColumn: Int(event.start_mark.column))
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    throw YAMLSyntaxError(mark: mark, message: "a second document starts here; an experiment file holds exactly one")
                }
            case YAML_SCALAR_EVENT:
                let s = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
                let scalar = Scalar(text: text, style: Self.style(s.style), tag: s.tag.map { String(cString: $0) })
                try count(1, at: mark)
                try add(Node(.scalar(scalar), mark: mark), size: 1, anchor: s.anchor.map { String(cString: $0) })
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard let target = anchors[name] else {
                    throw YAMLSyntaxError(mark: mark, message: "unknown alias '*\(name)'")
                }
                try count(target.size, at: mark)
                var node = target.node
                node.mark = mark
                try add(node, size: target.size, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                try open(at: mark)
                stack.append(.sequence(mark: mark, anchor: event.data.sequence_start.anchor.map { String(cString: $0) }, items: [], size: 1))
            case YAML_MAPPING_START_EVENT:
                try open(at: mark)
                stack.append(.mapping(mark: mark, anchor: event.data.mapping_start.anchor.map { String(cString: $0) },
                                      pairs: [], pendingKey: nil, seen: [:], size: 1))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                try close()
            default:
                break
            }
        }
    }

    private mutating func count(_ n: Int, at mark: Mark) throws(YAMLSyntaxError) {
        nodeCount += n
        if nodeCount > limits.maxNodes {
            throw YAMLSyntaxError(mark: mark, message: "document expands to more than \(limits.maxNodes) nodes (aliases count each time they are used)")
        }
    }

    private mutating func open(at mark: Mark) throws(YAMLSyntaxError) {
        try count(1, at: mark)
        if stack.count >= limits.maxDepth {
            throw YAMLSyntaxError(mark: mark, message: "nesting is deeper than \(limits.maxDepth) levels")
        }
    }

    private mutating func close() throws(YAMLSyntaxError) {
        let frame = stack.removeLast()
        switch frame {
        case .sequence(let mark, let anchor, let items, let size):
            try add(Node(.sequence(items), mark: mark), size: size, anchor: anchor)
        case .mapping(let mark, let anchor, let pairs, _, _, let size):
            try add(Node(.mapping(pairs), mark: mark), size: size, anchor: anchor)
        }
    }

    private mutating func add(_ node: Node, size: Int, anchor: String?) throws(YAMLSyntaxError) {
        if let anchor { anchors[anchor] = (node, size) }
        guard let top = stack.popLast() else {
            root = node
            return
        }
        switch top {
        case .sequence(let mark, let anchor, var items, let total):
            items.append(node)
            stack.append(.sequence(mark: mark, anchor: anchor, items: items, size: total + size))
        case .mapping(let mark, let anchor, var pairs, let pendingKey, var seen, let total):
            if let key = pendingKey {
                pairs.append(Node.Pair(key: key, value: node))
                stack.append(.mapping(mark: mark, anchor: anchor, pairs: pairs, pendingKey: nil, seen: seen, size: total + size))
            } else {
                if let scalar = node.scalar {
                    let identity = scalar.value
                    if let first = seen[identity] {
                        throw YAMLSyntaxError(
                            mark: node.mark,
                            message: "duplicate key '\(scalar.text)' (first defined at line \(first.line), column \(first.column))")
                    }
                    seen[identity] = node.mark
                }
                stack.append(.mapping(mark: mark, anchor: anchor, pairs: pairs, pendingKey: node, seen: seen, size: total + size))
            }
        }
    }

    private static func style(_ style: yaml_scalar_style_t) -> Scalar.Style {
        switch style {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE: return .singleQuoted
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE: return .doubleQuoted
        case YAML_LITERAL_SCALAR_STYLE: return .literal
        case YAML_FOLDED_SCALAR_STYLE: return .folded
        default: return .plain
        }
    }

    /// libyaml's own message and mark; reader errors (bad UTF-8) carry a byte offset instead of a mark.
    private func libyamlError(_ p: yaml_parser_t) -> YAMLSyntaxError {
        let problem = p.problem.map { String(cString: $0) } ?? "unknown error"
        if p.error == YAML_READER_ERROR {
            let mark = self.mark(atByteOffset: Int(p.problem_offset))
            let detail = problem == "invalid leading UTF-8 octet" || problem == "invalid trailing UTF-8 octet"
                || problem == "incomplete UTF-8 octet sequence" || problem == "invalid Unicode character"
                ? "invalid UTF-8 (\(problem), byte 0x\(String(p.problem_value, radix: 16, uppercase: true)))" : problem
            return YAMLSyntaxError(mark: mark, message: detail)
        }
        let problemMark = Mark(source: source, libyamlLine: Int(p.problem_mark.line), libyamlColumn: Int(p.problem_mark.column))
        var message = problem
        if let context = p.context.map({ String(cString: $0) }) {
            let contextMark = Mark(source: source, libyamlLine: Int(p.context_mark.line), libyamlColumn: Int(p.context_mark.column))
            message += " \(context) at line \(contextMark.line), column \(contextMark.column)"
        }
        return YAMLSyntaxError(mark: problemMark, message: message)
    }

    /// Line and column of a byte offset, counting columns in characters as libyaml does.
    private func mark(atByteOffset offset: Int) -> Mark {
        var line = 1, column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let b = bytes[i]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return Mark(source: source, line: line, column: column)
    }
}
