import ModelKinds
import YAML

extension Compiler {
    /// `model: {layers: [{dense: 512, activation: relu}, {dropout: 0.5}, ...]}`.
    func model(_ node: Node, _ c: inout Checker) -> ModelSpec? {
        guard let pairs = c.mapping(node, "model", example: "{layers: [{dense: 10}]}") else { return nil }
        c.checkKeys(pairs, known: Schema.modelKeys, in: "model")
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
        if case .dropout? = layers.last, let mark = items.last?.mapping?.first?.key.mark {
            c.error(mark, "the last layer is a dropout layer; the model must end with a dense layer (its output is what the loss reads), so move the dropout before it")
            return nil
        }
        return ModelSpec(layers: layers.compactMap { $0 })
    }

    /// A mapping whose first key names the kind (`dense: 512`); the other keys are its options.
    private func layer(_ node: Node, _ path: String, _ c: inout Checker) -> LayerSpec? {
        guard let pairs = node.mapping, let first = pairs.first else {
            c.error(node.mark, "'\(path)' must be a mapping that starts with the layer's kind, such as {dense: 512, activation: relu}, not \(Checker.describe(node))")
            return nil
        }
        guard let name = first.key.scalar?.text, let kind = LayerKind(rawValue: name) else {
            let word = first.key.scalar?.text ?? ""
            if Schema.denseOptions.contains(word) || Schema.dropoutOptions.contains(word) {
                c.error(first.key.mark, "'\(path)' must start with the layer's kind, such as 'dense: 512'; '\(word)' is an option and comes after it")
            } else {
                c.error(first.key.mark, "unknown layer '\(word)'\(Suggestion.hint(for: word, among: Schema.layerKinds))")
            }
            return nil
        }
        let path = "\(path).\(name)"
        let known: [String]
        switch kind {
        case .dense: known = Schema.denseOptions
        case .dropout: known = Schema.dropoutOptions
        }
        guard let (value, options) = longForm(first.value, main: kind.mainArgument, outer: Array(pairs.dropFirst()),
                                              known: known, path, &c) else {
            return nil
        }
        switch kind {
        case .dense: return dense(value, options, path, &c)
        case .dropout: return dropout(value, options, path, &c)
        }
    }

    /// The main argument and the options of a layer written `dense: 512` (options beside it) or in the long
    /// form `dense: {units: 512, activation: relu}` (as resolved.json writes it); an option may be given in
    /// one place only. Returns the main value with its path, and each option's value by key.
    private func longForm(
        _ value: Node, main: String, outer: [Node.Pair], known: [String], _ path: String, _ c: inout Checker
    ) -> (main: (node: Node, path: String), options: [String: Node])? {
        c.checkKeys(outer, known: known, in: String(path.prefix(upTo: path.lastIndex(of: ".")!)))
        var options: [String: Node] = [:]
        for pair in outer { if let key = pair.key.scalar?.text { options[key] = pair.value } }
        guard let inner = value.mapping else { return ((value, path), options) }
        c.checkKeys(inner, known: [main] + known, in: path)
        var ok = true
        for pair in inner {
            guard let key = pair.key.scalar?.text, key != main, known.contains(key) else { continue }
            if options[key] != nil {
                c.error(pair.key.mark, "'\(key)' is given both inside '\(path)' and beside it; keep one")
                ok = false
            }
            options[key] = pair.value
        }
        guard let mainNode = c.value(inner, main, required: true, in: path, at: value.mark), ok else { return nil }
        return ((mainNode, "\(path).\(main)"), options)
    }

    private func dense(_ units: (node: Node, path: String), _ options: [String: Node], _ path: String, _ c: inout Checker) -> LayerSpec? {
        let base = String(path.dropLast(".dense".count))
        let count = c.int(units.node, units.path, 1...Schema.maxUnits)
        var dense = DenseSpec(units: count ?? 1)
        var ok = count != nil
        if let n = options["activation"] {
            if let name = c.name(n, "\(base).activation", kind: "activation", known: Schema.activations) {
                dense.activation = Activation(rawValue: name)!
            } else { ok = false }
        }
        if let n = options["use_bias"] {
            if let b = c.bool(n, "\(base).use_bias") { dense.useBias = b } else { ok = false }
        }
        for (key, keyPath) in [("kernel_initializer", \DenseSpec.kernelInitializer), ("bias_initializer", \DenseSpec.biasInitializer)] {
            guard let n = options[key] else { continue }
            if let name = c.name(n, "\(base).\(key)", kind: "initializer", known: Schema.initializers) {
                dense[keyPath: keyPath] = Initializer(rawValue: name)!
            } else { ok = false }
        }
        if let n = options["kernel_regularizer"], !n.isNull {
            if let r = regularizer(n, "\(base).kernel_regularizer", &c) { dense.kernelRegularizer = r } else { ok = false }
        }
        return ok ? .dense(dense) : nil
    }
}
