import YAML

extension Compiler {
    /// `compile: {optimizer: rmsprop, loss: sparse_categorical_crossentropy, metrics: [accuracy]}`.
    func compile(_ node: Node, _ c: inout Checker) -> CompileSpec? {
        guard let pairs = c.mapping(node, "compile", example: "{optimizer: adam, loss: sparse_categorical_crossentropy}") else { return nil }
        c.checkKeys(pairs, known: Vocabulary.compileKeys, in: "compile")
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

    /// Every hyperparameter from the file or from Keras 3's defaults (`Vocabulary.optimizers`).
    private func optimizer(_ node: Node, _ c: inout Checker) -> Optimizer? {
        let path = "compile.optimizer"
        guard let (name, options) = named(node, path, kind: "optimizer", known: Vocabulary.optimizers.map(\.name), &c),
              let entry = Vocabulary.optimizers.first(where: { $0.name == name }) else { return nil }
        // RMSprop's epsilon placement is recorded in resolved.json, so a resolved file compiles back; it has
        // one value, Keras 3's, and is accepted only as that.
        let notes = name == "rmsprop" ? [Vocabulary.epsilonPlacementKey] : []
        c.checkKeys(options, known: ["name"] + entry.settings.map(\.key) + notes, in: path)
        var numbers: [String: Double] = [:], flags: [String: Bool] = [:]
        var ok = true
        if !notes.isEmpty, let given = options.first(where: { $0.key.scalar?.text == Vocabulary.epsilonPlacementKey })?.value {
            let key = "\(path).\(Vocabulary.epsilonPlacementKey)"
            if let text = c.string(given, key) {
                if text != Vocabulary.epsilonPlacement {
                    c.error(given.mark, "'\(key)' can only be '\(Vocabulary.epsilonPlacement)' (Keras 3: w -= lr * g / sqrt(v + epsilon)), not '\(text)'")
                    ok = false
                }
            } else { ok = false }
        }
        for (key, setting) in entry.settings {
            let given = options.first { $0.key.scalar?.text == key }?.value
            switch setting {
            case .number(let value, let bounds):
                if let given {
                    if let x = c.double(given, "\(path).\(key)", bounds) { numbers[key] = x } else { ok = false }
                } else { numbers[key] = value }
            case .flag(let value):
                if let given {
                    if let b = c.bool(given, "\(path).\(key)") { flags[key] = b } else { ok = false }
                } else { flags[key] = value }
            }
        }
        guard ok else { return nil }
        let lr = numbers["learning_rate"]!
        switch name {
        case "sgd":
            return .sgd(learningRate: lr, momentum: numbers["momentum"]!, nesterov: flags["nesterov"]!)
        case "rmsprop":
            return .rmsprop(learningRate: lr, rho: numbers["rho"]!, momentum: numbers["momentum"]!,
                            epsilon: numbers["epsilon"]!, centered: flags["centered"]!)
        case "adam":
            return .adam(learningRate: lr, beta1: numbers["beta_1"]!, beta2: numbers["beta_2"]!,
                         epsilon: numbers["epsilon"]!, amsgrad: flags["amsgrad"]!)
        case "adamw":
            return .adamw(learningRate: lr, weightDecay: numbers["weight_decay"]!, beta1: numbers["beta_1"]!,
                          beta2: numbers["beta_2"]!, epsilon: numbers["epsilon"]!, amsgrad: flags["amsgrad"]!)
        default:
            return .adagrad(learningRate: lr, initialAccumulatorValue: numbers["initial_accumulator_value"]!,
                            epsilon: numbers["epsilon"]!)
        }
    }

    /// `loss: NAME` or `{name: NAME, from_logits: BOOL}`; only the cross-entropies take `from_logits`.
    private func loss(_ node: Node, _ c: inout Checker) -> Loss? {
        let path = "compile.loss"
        let names = Vocabulary.losses.map(\.kind.rawValue)
        guard let (name, options) = named(node, path, kind: "loss", known: names, &c),
              let entry = Vocabulary.losses.first(where: { $0.kind.rawValue == name }) else { return nil }
        var loss = Loss(entry.kind)
        var ok = true
        for pair in options {
            let key = pair.key.scalar?.text ?? ""
            if key == "from_logits" {
                if entry.probabilityActivation == nil {
                    c.error(pair.key.mark, "\(name) takes no 'from_logits' (only the cross-entropies do)")
                    ok = false
                } else if let b = c.bool(pair.value, "\(path).from_logits") {
                    loss.fromLogits = b
                } else { ok = false }
            } else {
                c.checkKeys([pair], known: entry.probabilityActivation == nil ? ["name"] : ["name", "from_logits"], in: path)
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
            guard let (name, options) = named(item, path, kind: "metric", known: Vocabulary.metrics, &c) else { ok = false; continue }
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
            var k = Vocabulary.defaultTopK
            if let n = options.first(where: { $0.key.scalar?.text == "k" })?.value {
                if let v = c.int(n, "\(path).k", 1...Vocabulary.maxUnits) { k = v } else { ok = false }
            }
            metrics.append(.topKCategoricalAccuracy(k: k))
        }
        return ok ? metrics : nil
    }
}
