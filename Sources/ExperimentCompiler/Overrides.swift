import YAML

/// Applies `--set` overrides to the node tree before it is compiled, so overridden values get the
/// same checks as the file's own and their diagnostics point at the `--set` argument.
///
/// - An existing value is replaced; a new key under an existing (or new) mapping is added and the
///   compiler judges it.
/// - A short form is widened when a sub-key is set: `optimizer: rmsprop` with
///   `compile.optimizer.learning_rate=0.01` becomes `{name: rmsprop, learning_rate: 0.01}`
///   (only where the file allows a long form: `Schema.shortFormPaths`).
/// - Refused: an unknown top-level key, an index past the end of a list, a path through a scalar.
public enum Overrides {
    /// Applies each override in order; returns the refusals (the tree keeps the others).
    public static func apply(_ overrides: [Override], to root: inout Node) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for override in overrides {
            guard root.mapping != nil, let first = override.steps.first else { continue }
            if case .key(let section) = first.kind, !Schema.topLevelKeys.contains(section) {
                diagnostics.append(Diagnostic(first.mark,
                    "unknown top-level key '\(section)'\(Suggestion.hint(for: section, among: Schema.topLevelKeys))"))
                continue
            }
            do {
                try set(&root, override.steps[...], override.value, path: "")
            } catch {
                diagnostics.append(error)
            }
        }
        return diagnostics
    }

    private static func set(_ node: inout Node, _ steps: ArraySlice<Override.Step>, _ value: Node, path: String) throws(Diagnostic) {
        guard let step = steps.first else {
            node = value
            return
        }
        let rest = steps.dropFirst()
        switch (step.kind, node.content) {
        case (.key(let key), .mapping(var pairs)):
            let inner = path.isEmpty ? key : "\(path).\(key)"
            if let i = pairs.firstIndex(where: { $0.key.scalar?.text == key }) {
                try set(&pairs[i].value, rest, value, path: inner)
            } else {
                let keyNode = Node(.scalar(Scalar(text: key)), mark: step.mark)
                pairs.append(Node.Pair(key: keyNode, value: try build(rest, value, path: inner)))
            }
            node.content = .mapping(pairs)
        case (.key, .scalar(let scalar)) where scalar.string != nil && isShortForm(path):
            let nameKey = Node(.scalar(Scalar(text: "name")), mark: node.mark)
            node = Node(.mapping([Node.Pair(key: nameKey, value: node)]), mark: node.mark)
            try set(&node, steps, value, path: path)
        case (.key(let key), .sequence):
            throw Diagnostic(step.mark, "cannot set '\(path).\(key)': '\(path)' is a list; pick an item by index, such as \(path)[0]")
        case (.key(let key), .scalar):
            throw Diagnostic(step.mark, "cannot set '\(path).\(key)': '\(path)' is \(Checker.describe(node)), not a mapping")
        case (.index(let i), .sequence(var items)):
            guard i < items.count else {
                throw Diagnostic(step.mark, "index \(i) is past the end of '\(path)', which has \(items.count) item\(items.count == 1 ? "" : "s") (indices start at 0)")
            }
            try set(&items[i], rest, value, path: "\(path)[\(i)]")
            node.content = .sequence(items)
        case (.index(let i), _):
            throw Diagnostic(step.mark, "cannot set '\(path)[\(i)]': '\(path)' is \(Checker.describe(node)), not a list")
        }
    }

    /// The value for a key that does not exist yet, with mappings for the steps in between.
    private static func build(_ steps: ArraySlice<Override.Step>, _ value: Node, path: String) throws(Diagnostic) -> Node {
        guard let step = steps.first else { return value }
        switch step.kind {
        case .key(let key):
            let inner = try build(steps.dropFirst(), value, path: "\(path).\(key)")
            return Node(.mapping([Node.Pair(key: Node(.scalar(Scalar(text: key)), mark: step.mark), value: inner)]), mark: step.mark)
        case .index(let i):
            throw Diagnostic(step.mark, "cannot set '\(path)[\(i)]': '\(path)' does not exist, so it has no item \(i)")
        }
    }

    /// Whether `path` is a place where the file may write `NAME` or `{name: NAME, ...}`.
    private static func isShortForm(_ path: String) -> Bool {
        var pattern = ""
        var inIndex = false
        for ch in path {
            if ch == "[" { inIndex = true; pattern.append(ch) } else if ch == "]" { inIndex = false; pattern.append(ch) } else if !inIndex { pattern.append(ch) }
        }
        return Schema.shortFormPaths.contains(pattern)
    }
}
