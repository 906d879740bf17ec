import CYAML

/// Builds a `Node` tree from libyaml's parser events, refusing what an experiment file must not contain.
///
/// The builder keeps its own stack instead of recursing, so a 20,000-level file is refused at
/// `limits.maxDepth` instead of overflowing the stack; aliases are expanded by sharing (copy-on-write
/// arrays), and their expanded size and depth are checked against the limits before anything is
/// copied, so a "billion laughs" file is refused at once.
public struct Parser {
    /// Bounds on what one document may contain.
    ///
    /// An experiment file is a few dozen lines nested four or five levels deep; the bounds are
    /// orders of magnitude above that yet keep the worst case (time, memory, and the recursion of
    /// whoever walks or frees the tree) small.
    public struct Limits: Sendable {
        /// Bytes of input, checked before libyaml sees any of it.
        public var maxBytes: Int = 1 << 20
        /// Collections open inside one another, aliased content included.
        public var maxDepth: Int = 64
        /// Nodes after alias expansion: an alias counts every node it stands for, each time it is used.
        public var maxNodes: Int = 100_000
        /// Bytes of one scalar's value (a key or a value, after escapes and folding): 4096 is Linux's
        /// PATH_MAX, the longest dataset path a file can usefully hold. Every later stage copies
        /// scalars into diagnostics, so this also bounds what an aliased long key can multiply into.
        public var maxScalarBytes: Int = 4096

        public init() {}

        public init(maxBytes: Int = 1 << 20, maxDepth: Int = 64, maxNodes: Int = 100_000, maxScalarBytes: Int = 4096) {
            self.maxBytes = maxBytes
            self.maxDepth = maxDepth
            self.maxNodes = maxNodes
            self.maxScalarBytes = maxScalarBytes
        }
    }

    public var limits: Limits

    public init(limits: Limits = Limits()) {
        self.limits = limits
    }

    /// Parses the single document in `bytes`; nil when the stream holds no document at all.
    ///
    /// - Parameter source: the name marks carry (a file path, or a `--set` argument).
    public func parse(_ bytes: [UInt8], source: String) throws(YAMLSyntaxError) -> Node? {
        if bytes.count > limits.maxBytes {
            throw YAMLSyntaxError(
                mark: Mark(source: source, line: 1, column: 1),
                message: "file is \(bytes.count) bytes; an experiment file may have at most \(limits.maxBytes)")
        }
        let parser = UnsafeMutablePointer<yaml_parser_t>.allocate(capacity: 1)
        defer { parser.deallocate() }
        guard yaml_parser_initialize(parser) != 0 else {
            throw YAMLSyntaxError(mark: Mark(source: source, line: 1, column: 1), message: "out of memory")
        }
        // Frees libyaml's buffers, token queue and stacks on every path out, errors included.
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
