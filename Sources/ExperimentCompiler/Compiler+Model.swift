import YAML

extension Compiler {
    /// `model: {layers: [{dense: 512, activation: relu}, ...]}`.
    func model(_ node: Node, _ c: inout Checker) -> ModelSpec? {
        guard let pairs = c.mapping(node, "model", example: "{layers: [{dense: 10}]}") else { return nil }
        c.checkKeys(pairs, known: Vocabulary.modelKeys, in: "model")
        guard let list = c.value(pairs, "layers", required: true, in: "model", at: node.mark) else { return nil }
        guard let items = list.sequence else {
            c.error(list.mark, "'model.layers' must be a list of layers such as '- dense: 10', not \(Checker.describe(list))")
            return nil
        }
        if items.isEmpty {
            c.error(list.mark, "'model.layers' is empty; add at least one layer such as '- dense: 10'")
            return nil
        }
        let layers = items.enumerated().map { layer($1, "model.layers[\($0)]", &c) }
        guard layers.allSatisfy({ $0 != nil }) else { return nil }
        return ModelSpec(layers: layers.compactMap { $0 })
    }

    /// A mapping whose first key names the kind (`dense: 512`); the other keys are its options.
    private func layer(_ node: Node, _ path: String, _ c: inout Checker) -> Layer? {
        guard let pairs = node.mapping, let first = pairs.first else {
            c.error(node.mark, "'\(path)' must be a mapping that starts with the layer's kind, such as {dense: 512, activation: relu}, not \(Checker.describe(node))")
            return nil
        }
        guard let kind = first.key.scalar?.text, Vocabulary.layerKinds.contains(kind) else {
            let word = first.key.scalar?.text ?? ""
            if Vocabulary.denseOptions.contains(word) {
                c.error(first.key.mark, "'\(path)' must start with the layer's kind, such as 'dense: 512'; '\(word)' is an option and comes after it")
            } else {
                c.error(first.key.mark, "unknown layer '\(word)'\(Suggestion.hint(for: word, among: Vocabulary.layerKinds))")
            }
            return nil
        }
        let options = Array(pairs.dropFirst())
        c.checkKeys(options, known: Vocabulary.denseOptions, in: path)
        let units = c.int(first.value, "\(path).dense", 1...Vocabulary.maxUnits)
        func option(_ key: String) -> Node? { options.first { $0.key.scalar?.text == key }?.value }
        var dense = Dense(units: units ?? 1)
        var ok = units != nil
        if let n = option("activation") {
            if let name = c.name(n, "\(path).activation", kind: "activation", known: Vocabulary.activations) {
                dense.activation = Activation(rawValue: name)!
            } else { ok = false }
        }
        if let n = option("use_bias") {
            if let b = c.bool(n, "\(path).use_bias") { dense.useBias = b } else { ok = false }
        }
        for (key, keyPath) in [("kernel_initializer", \Dense.kernelInitializer), ("bias_initializer", \Dense.biasInitializer)] {
            guard let n = option(key) else { continue }
            if let name = c.name(n, "\(path).\(key)", kind: "initializer", known: Vocabulary.initializers) {
                dense[keyPath: keyPath] = Initializer(rawValue: name)!
            } else { ok = false }
        }
        return ok ? .dense(dense) : nil
    }
}
