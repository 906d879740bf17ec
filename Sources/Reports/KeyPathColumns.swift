import ExperimentCompiler

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
