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
        if let last = layers.last??.kind, last != .dense, let item = items.last {
            let mark = item.mapping?.first?.key.mark ?? item.mark
            c.error(mark, "the last layer is a \(last.rawValue) layer; the model must end with a dense layer (its output is what the loss reads), "
                + (last == .dropout ? "so move the dropout before it" : "so add one such as '- dense: 10' after it"))
            return nil
        }
        return ModelSpec(layers: layers.compactMap { $0 })
    }

    /// A mapping whose first key names the kind (`dense: 512`); the other keys are its options. A kind without a
    /// required main argument may stand alone (`- flatten`).
    private func layer(_ node: Node, _ path: String, _ c: inout Checker) -> LayerSpec? {
        if let word = node.scalar?.string, let kind = LayerKind(rawValue: word), !kind.mainArgumentRequired {
            return layer(kind, main: nil, options: [:], "\(path).\(word)", &c)
        }
        guard let pairs = node.mapping, let first = pairs.first else {
            c.error(node.mark, "'\(path)' must be a mapping that starts with the layer's kind, such as {dense: 512, activation: relu}, not \(Checker.describe(node))")
            return nil
        }
        guard let name = first.key.scalar?.text, let kind = LayerKind(rawValue: name) else {
            let word = first.key.scalar?.text ?? ""
            if LayerKind.allCases.contains(where: { Schema.options(of: $0).contains(word) }) {
                c.error(first.key.mark, "'\(path)' must start with the layer's kind, such as 'dense: 512'; '\(word)' is an option and comes after it")
            } else {
                c.error(first.key.mark, "unknown layer '\(word)'\(Suggestion.hint(for: word, among: Schema.layerKinds))")
            }
            return nil
        }
        let path = "\(path).\(name)"
        guard let (value, options) = longForm(first.value, kind: kind, outer: Array(pairs.dropFirst()), path, &c) else {
            return nil
        }
        return layer(kind, main: value, options: options, path, &c)
    }

    private func layer(_ kind: LayerKind, main: (node: Node, path: String)?, options: [String: Node], _ path: String,
                       _ c: inout Checker) -> LayerSpec? {
        switch kind {
        case .dense: return dense(main!, options, path, &c)
        case .dropout: return dropout(main!, options, path, &c)
        case .conv2D: return conv2D(main!, options, path, &c)
        case .maxPooling2D: return pooling(main, options, path, &c).map(LayerSpec.maxPooling2D)
        case .averagePooling2D: return pooling(main, options, path, &c).map(LayerSpec.averagePooling2D)
        case .flatten: return .flatten
        case .globalAveragePooling2D: return .globalAveragePooling2D
        case .batchNormalization: return batchNormalization(options, path, &c)
        }
    }

    /// The main argument and the options of a layer written `dense: 512` (options beside it) or in the long
    /// form `dense: {units: 512, activation: relu}` (as resolved.json writes it); an option may be given in
    /// one place only. Returns the main value with its path (nil when the kind takes none, or it is optional
    /// and left out), and each option's value by key.
    private func longForm(
        _ value: Node, kind: LayerKind, outer: [Node.Pair], _ path: String, _ c: inout Checker
    ) -> (main: (node: Node, path: String)?, options: [String: Node])? {
        let known = Schema.options(of: kind), main = kind.mainArgument
        c.checkKeys(outer, known: known, in: String(path.prefix(upTo: path.lastIndex(of: ".")!)))
        var options: [String: Node] = [:]
        for pair in outer { if let key = pair.key.scalar?.text { options[key] = pair.value } }
        guard let inner = value.mapping else {
            if value.isNull, !kind.mainArgumentRequired { return (nil, options) }
            guard main != nil else {
                c.error(value.mark, "'\(path)' takes no value; write '- \(kind.rawValue)', or give its options as a mapping such as {\(known.first ?? "")}")
                return nil
            }
            return ((value, path), options)
        }
        c.checkKeys(inner, known: (main.map { [$0] } ?? []) + known, in: path)
        var ok = true
        for pair in inner {
            guard let key = pair.key.scalar?.text, key != main, known.contains(key) else { continue }
            if options[key] != nil {
                c.error(pair.key.mark, "'\(key)' is given both inside '\(path)' and beside it; keep one")
                ok = false
            }
            options[key] = pair.value
        }
        guard let main else { return ok ? (nil, options) : nil }
        let mainNode = c.value(inner, main, required: kind.mainArgumentRequired, in: path, at: value.mark)
        guard ok, mainNode != nil || !kind.mainArgumentRequired else { return nil }
        return (mainNode.map { ($0, "\(path).\(main)") }, options)
    }

    private func dense(_ units: (node: Node, path: String), _ options: [String: Node], _ path: String, _ c: inout Checker) -> LayerSpec? {
        let count = c.int(units.node, units.path, 1...Schema.maxUnits)
        var dense = DenseSpec(units: count ?? 1)
        let ok = kernelOptions(&dense, options, String(path.dropLast(".dense".count)), &c)
        return ok && count != nil ? .dense(dense) : nil
    }

    /// The options dense and conv2d share: activation, use_bias, the two initializers and the kernel regularizer.
    func kernelOptions<S: KernelLayerSpec>(_ spec: inout S, _ options: [String: Node], _ base: String, _ c: inout Checker) -> Bool {
        var ok = true
        if let n = options["activation"] {
            if let name = c.name(n, "\(base).activation", kind: "activation", known: Schema.activations) {
                spec.activation = Activation(rawValue: name)!
            } else { ok = false }
        }
        if let n = options["use_bias"] {
            if let b = c.bool(n, "\(base).use_bias") { spec.useBias = b } else { ok = false }
        }
        for (key, keyPath) in [("kernel_initializer", \S.kernelInitializer), ("bias_initializer", \S.biasInitializer)] {
            guard let n = options[key] else { continue }
            if let name = c.name(n, "\(base).\(key)", kind: "initializer", known: Schema.initializers) {
                spec[keyPath: keyPath] = Initializer(rawValue: name)!
            } else { ok = false }
        }
        if let n = options["kernel_regularizer"], !n.isNull {
            if let r = regularizer(n, "\(base).kernel_regularizer", &c) { spec.kernelRegularizer = r } else { ok = false }
        }
        return ok
    }
}
