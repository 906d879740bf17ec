import CYAML

/// The event loop behind `Parser`: one frame per open collection, mutated in place.
///
/// Frames are edited through `stack[top]` rather than popped, matched and pushed back: a popped
/// frame's arrays would be shared with the enum payload, so every append copied the whole
/// collection (a 40,000-item list took 36 s).
struct TreeBuilder {
    let source: String
    let limits: Parser.Limits
    let bytes: UnsafeBufferPointer<UInt8>

    /// An open collection.
    private struct Frame {
        let mark: Mark
        let anchor: String?
        let isMapping: Bool
        var items: [Node] = []
        var pairs: [Node.Pair] = []
        var pendingKey: Node?
        var seen: [Scalar.Value: Mark] = [:]
        /// Nodes this collection expands to, itself included.
        var size = 1
        /// Collections nested in it, itself included (a scalar has height 0).
        var height = 1
    }

    /// What an alias needs to be checked against the limits before it is inserted.
    private struct Anchored {
        var node: Node
        var size: Int
        var height: Int
    }

    private var stack: [Frame] = []
    private var anchors: [String: Anchored] = [:]
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
            // On failure libyaml leaves the event zeroed, so there is nothing to delete.
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
                if Int(s.length) > limits.maxScalarBytes {
                    throw YAMLSyntaxError(
                        mark: mark,
                        message: "this scalar is \(s.length) bytes long; a key or value may have at most \(limits.maxScalarBytes)")
                }
                try refuseTag(s.tag, at: mark)
                let text = String(decoding: UnsafeBufferPointer(start: s.value, count: Int(s.length)), as: UTF8.self)
                let scalar = Scalar(text: text, style: Self.style(s.style))
                try count(1, at: mark)
                try add(Node(.scalar(scalar), mark: mark), size: 1, height: 0, anchor: s.anchor.map { String(cString: $0) })
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard let target = anchors[name] else {
                    throw YAMLSyntaxError(mark: mark, message: "unknown alias '*\(name)'; define '&\(name)' before using it")
                }
                try count(target.size, at: mark)
                if stack.count + target.height > limits.maxDepth {
                    throw YAMLSyntaxError(mark: mark, message: "nesting is deeper than \(limits.maxDepth) levels (through alias '*\(name)')")
                }
                var node = target.node
                node.mark = mark
                try add(node, size: target.size, height: target.height, anchor: nil)
            case YAML_SEQUENCE_START_EVENT:
                try refuseTag(event.data.sequence_start.tag, at: mark)
                try open(at: mark)
                stack.append(Frame(mark: mark, anchor: event.data.sequence_start.anchor.map { String(cString: $0) }, isMapping: false))
            case YAML_MAPPING_START_EVENT:
                try refuseTag(event.data.mapping_start.tag, at: mark)
                try open(at: mark)
                stack.append(Frame(mark: mark, anchor: event.data.mapping_start.anchor.map { String(cString: $0) }, isMapping: true))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let content: Node.Content = frame.isMapping ? .mapping(frame.pairs) : .sequence(frame.items)
                try add(Node(content, mark: frame.mark), size: frame.size, height: frame.height, anchor: frame.anchor)
            default:
                break
            }
        }
    }

    /// Every explicit tag is refused: the compiler types scalars by the schema (STYLE.md, item 4), so a tag
    /// could only be ignored (`!!python/object:...`) or contradict it (`!!bool 3`). libyaml hands the tag over
    /// resolved (`%TAG` handles and `!!` expanded); it is shown in the short form where there is one.
    /// A node's mark is where its first property starts, so the tag (or the anchor before it) is pointed at.
    private func refuseTag(_ tag: UnsafeMutablePointer<yaml_char_t>?, at mark: Mark) throws(YAMLSyntaxError) {
        guard let tag else { return }
        let resolved = String(cString: tag)
        let core = "tag:yaml.org,2002:"
        let written = resolved.hasPrefix(core) ? "!!" + resolved.dropFirst(core.count)
            : resolved.hasPrefix("!") ? resolved : "!<\(resolved)>"
        throw YAMLSyntaxError(mark: mark, message: "YAML tags are not supported ('\(written)'); write the plain value")
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

    private mutating func add(_ node: Node, size: Int, height: Int, anchor: String?) throws(YAMLSyntaxError) {
        if let anchor { anchors[anchor] = Anchored(node: node, size: size, height: height) }
        guard !stack.isEmpty else {
            root = node
            return
        }
        let top = stack.count - 1
        stack[top].size += size
        stack[top].height = max(stack[top].height, height + 1)
        guard stack[top].isMapping else {
            stack[top].items.append(node)
            return
        }
        if let key = stack[top].pendingKey {
            stack[top].pairs.append(Node.Pair(key: key, value: node))
            stack[top].pendingKey = nil
            return
        }
        if let scalar = node.scalar {
            // By value, so `a` and `"a"` (both the string a) or `1` and `0x1` are the same key.
            let identity = scalar.value
            if let first = stack[top].seen[identity] {
                throw YAMLSyntaxError(
                    mark: node.mark,
                    message: "duplicate key '\(scalar.text)' (first defined at line \(first.line), column \(first.column))")
            }
            stack[top].seen[identity] = node.mark
        }
        stack[top].pendingKey = node
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
}
