import ExperimentCompiler

extension JSONValue {
    /// Every leaf under its key path: `compile.optimizer.learning_rate`, `model.layers[0].dense.units`.
    /// Empty objects and lists are leaves (`{}`, `[]`), so a value that became empty still shows.
    func leavesByKeyPath() -> [String: JSONValue] {
        var leaves: [String: JSONValue] = [:]
        collectLeaves(prefix: "", into: &leaves)
        return leaves
    }

    private func collectLeaves(prefix: String, into leaves: inout [String: JSONValue]) {
        switch self {
        case .object(let members) where !members.isEmpty:
            for (key, value) in members {
                value.collectLeaves(prefix: prefix.isEmpty ? key : prefix + "." + key, into: &leaves)
            }
        case .array(let items) where !items.isEmpty:
            for (index, item) in items.enumerated() {
                item.collectLeaves(prefix: prefix + "[\(index)]", into: &leaves)
            }
        default:
            leaves[prefix] = self
        }
    }

    /// A leaf as one short piece of text: strings unquoted, numbers in canonical form, `[]`, `{}`.
    var leafText: String {
        switch self {
        case .string(let s): return s
        case .array, .object:
            return canonicalText.split(separator: "\n").map { $0.trimmingPrefix(while: { $0 == " " }) }.joined(separator: " ")
        default: return String(canonicalText.dropLast())
        }
    }
}

/// Key paths ordered as a reader expects: by component, array indices numerically, so that
/// `layers[2]` comes before `layers[10]` and `fit.epochs` before `fit.validation`.
func keyPathPrecedes(_ a: String, _ b: String) -> Bool {
    let (x, y) = (keyPathComponents(a), keyPathComponents(b))
    for (p, q) in zip(x, y) where p != q {
        let (pName, pIndex) = splitIndex(p), (qName, qIndex) = splitIndex(q)
        if pName != qName { return pName < qName }
        return (pIndex ?? -1) < (qIndex ?? -1)
    }
    return x.count < y.count
}

/// `model.layers[0].dense.units` -> `model`, `layers[0]`, `dense`, `units`.
func keyPathComponents(_ path: String) -> [String] {
    path.split(separator: ".").map(String.init)
}

private func splitIndex(_ component: String) -> (String, Int?) {
    guard component.hasSuffix("]"), let open = component.lastIndex(of: "[") else { return (component, nil) }
    return (String(component[..<open]), Int(component[component.index(after: open)..<component.index(before: component.endIndex)]))
}

/// Short column headers for key paths: the last component, with more of the path in front where
/// two paths (or a reserved header) would otherwise get the same one.
func shortHeaders(for paths: [String], reserved: Set<String>) -> [String] {
    let components = paths.map(keyPathComponents)
    var lengths = [Int](repeating: 1, count: paths.count)
    func header(_ i: Int) -> String { components[i].suffix(lengths[i]).joined(separator: ".") }
    while true {
        var byHeader: [String: [Int]] = [:]
        for i in paths.indices { byHeader[header(i), default: []].append(i) }
        var grew = false
        for (text, owners) in byHeader where owners.count > 1 || reserved.contains(text) {
            for i in owners where lengths[i] < components[i].count {
                lengths[i] += 1
                grew = true
            }
        }
        if !grew { return paths.indices.map(header) }
    }
}
