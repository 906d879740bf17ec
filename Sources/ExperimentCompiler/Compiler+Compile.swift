import ModelKinds
import YAML

extension Compiler {
    /// `compile: {optimizer: rmsprop, loss: sparse_categorical_crossentropy, metrics: [accuracy]}`.
    func compile(_ node: Node, _ c: inout Checker) -> CompileSpec? {
        guard let pairs = c.mapping(node, "compile", example: "{optimizer: adam, loss: sparse_categorical_crossentropy}") else { return nil }
        c.checkKeys(pairs, known: Schema.compileKeys, in: "compile")
        let optimizer = c.value(pairs, "optimizer", required: true, in: "compile", at: node.mark).flatMap { self.optimizer($0, &c) }
        let loss = c.value(pairs, "loss", required: true, in: "compile", at: node.mark).flatMap { self.loss($0, &c) }
        var metrics: [Metric]? = []
        if let list = c.value(pairs, "metrics", required: false, in: "compile", at: node.mark) {
            metrics = self.metrics(list, &c)
        }
        guard let optimizer, let loss, let metrics else { return nil }
        return CompileSpec(optimizer: optimizer, loss: loss, metrics: metrics)
    }

    /// The name of a short form (`adam`) or of a long form (`{name: adam, ...}`), with the long form's pairs.
    func named(_ node: Node, _ path: String, kind: String, known: [String], _ c: inout Checker) -> (name: String, options: [Node.Pair])? {
        if let pairs = node.mapping {
            guard let n = c.value(pairs, "name", required: true, in: path, at: node.mark),
                  let name = c.name(n, "\(path).name", kind: kind, known: known) else { return nil }
            return (name, pairs.filter { $0.key.scalar?.text != "name" })
        }
        if node.sequence != nil {
            c.error(node.mark, "'\(path)' must be a name such as '\(known[0])' or a mapping such as {name: \(known[0])}, not a list")
            return nil
        }
        return c.name(node, path, kind: kind, known: known).map { ($0, []) }
    }

    /// Every hyperparameter from the file or from Keras 3's defaults (`OptimizerSpec.defaults`).
    private func optimizer(_ node: Node, _ c: inout Checker) -> OptimizerSpec? {
        let path = "compile.optimizer"
        guard let (name, options) = named(node, path, kind: "optimizer", known: OptimizerSpec.defaults.map(\.name), &c),
              let defaults = OptimizerSpec.defaults.first(where: { $0.name == name }) else { return nil }
        // RMSprop's epsilon placement is recorded in resolved.json, so a resolved file compiles back; it has
        // one value, Keras 3's, and is accepted only as that.
        let notes = name == "rmsprop" ? [Schema.epsilonPlacementKey] : []
        c.checkKeys(options, known: ["name"] + defaults.hyperparameterKeys + notes, in: path)
        var ok = true
        if !notes.isEmpty, let given = options.first(where: { $0.key.scalar?.text == Schema.epsilonPlacementKey })?.value {
            let key = "\(path).\(Schema.epsilonPlacementKey)"
            if let text = c.string(given, key) {
                if text != Schema.epsilonPlacement {
                    c.error(given.mark, "'\(key)' can only be '\(Schema.epsilonPlacement)' (Keras 3: w -= lr * g / sqrt(v + epsilon)), not '\(text)'")
                    ok = false
                }
            } else { ok = false }
        }
        let spec: OptimizerSpec?
        switch defaults {
        case .sgd(let s): spec = settings(s, options, path, &c).map(OptimizerSpec.sgd)
        case .rmsprop(let s): spec = settings(s, options, path, &c).map(OptimizerSpec.rmsprop)
        case .adam(let s): spec = settings(s, options, path, &c).map(OptimizerSpec.adam)
        case .adamw(let s): spec = settings(s, options, path, &c).map(OptimizerSpec.adamw)
        case .adagrad(let s): spec = settings(s, options, path, &c).map(OptimizerSpec.adagrad)
        }
        return ok ? spec : nil
    }

    /// `defaults` with each hyperparameter the file gives, checked against its bounds; nil after an error.
    private func settings<S: OptimizerSettings>(_ defaults: S, _ options: [Node.Pair], _ path: String, _ c: inout Checker) -> S? {
        var settings = defaults
        var ok = true
        for parameter in S.hyperparameters {
            guard let given = options.first(where: { $0.key.scalar?.text == parameter.key })?.value else { continue }
            switch parameter.setting {
            case .number(let keyPath, let bounds):
                if let x = c.double(given, "\(path).\(parameter.key)", bounds) { settings[keyPath: keyPath] = x } else { ok = false }
            case .flag(let keyPath):
                if let b = c.bool(given, "\(path).\(parameter.key)") { settings[keyPath: keyPath] = b } else { ok = false }
            }
        }
        return ok ? settings : nil
    }

    /// `loss: NAME` or `{name: NAME, from_logits: BOOL}`; only the cross-entropies take `from_logits`.
    private func loss(_ node: Node, _ c: inout Checker) -> Loss? {
        let path = "compile.loss"
        let names = LossKind.allCases.map(\.rawValue)
        guard let (name, options) = named(node, path, kind: "loss", known: names, &c),
              let kind = LossKind(rawValue: name) else { return nil }
        var loss = Loss(kind)
        var ok = true
        for pair in options {
            let key = pair.key.scalar?.text ?? ""
            if key == "from_logits" {
                if kind.probabilityActivation == nil {
                    c.error(pair.key.mark, "\(name) takes no 'from_logits' (only the cross-entropies do)")
                    ok = false
                } else if let b = c.bool(pair.value, "\(path).from_logits") {
                    loss.fromLogits = b
                } else { ok = false }
            } else {
                c.checkKeys([pair], known: kind.probabilityActivation == nil ? ["name"] : ["name", "from_logits"], in: path)
                ok = false
            }
        }
        return ok ? loss : nil
    }

    /// A list of `accuracy` or `{name: top_k_categorical_accuracy, k: 5}`; each at most once.
    private func metrics(_ node: Node, _ c: inout Checker) -> [Metric]? {
        guard let items = node.sequence else {
            c.error(node.mark, "'compile.metrics' must be a list such as [accuracy], not \(Checker.describe(node))")
            return nil
        }
        var metrics: [Metric] = []
        var seen: [String: Mark] = [:]
        var ok = true
        for (i, item) in items.enumerated() {
            let path = "compile.metrics[\(i)]"
            guard let (name, options) = named(item, path, kind: "metric", known: Schema.metrics, &c) else { ok = false; continue }
            if let first = seen[name] {
                c.error(item.mark, "metric '\(name)' is listed twice (first at line \(first.line), column \(first.column))")
                ok = false
            }
            seen[name] = seen[name] ?? item.mark
            if name == "accuracy" {
                c.checkKeys(options, known: ["name"], in: path)
                if !options.isEmpty { ok = false }
                metrics.append(.accuracy)
                continue
            }
            c.checkKeys(options, known: ["name", "k"], in: path)
            if options.contains(where: { $0.key.scalar?.text != "k" }) { ok = false }
            var k = Schema.defaultTopK
            if let n = options.first(where: { $0.key.scalar?.text == "k" })?.value {
                if let v = c.int(n, "\(path).k", 1...Schema.maxUnits) { k = v } else { ok = false }
            }
            metrics.append(.topKCategoricalAccuracy(k: k))
        }
        return ok ? metrics : nil
    }
}
