import YAML

extension Compiler {
    /// `fit: {epochs: 10, batch_size: 256, shuffle: true, validation: test}` or `validation_split: 0.1`,
    /// and the callbacks; `metrics` (nil when `compile` has mistakes of its own) name what may be monitored.
    func fit(_ node: Node, metrics: [Metric]?, _ c: inout Checker) -> FitSpec? {
        guard let pairs = c.mapping(node, "fit", example: "{epochs: 10, batch_size: 32}") else { return nil }
        c.checkKeys(pairs, known: Schema.fitKeys, in: "fit")
        func given(_ key: String) -> Node? { c.value(pairs, key, required: false, in: "fit", at: node.mark) }
        var fit = FitSpec()
        var ok = true
        if let n = given("epochs") {
            if let v = c.int(n, "fit.epochs", 1...Schema.maxEpochs) { fit.epochs = v } else { ok = false }
        }
        if let n = given("batch_size") {
            if let v = c.int(n, "fit.batch_size", 1...Schema.maxBatchSize) { fit.batchSize = v } else { ok = false }
        }
        if let n = given("shuffle") {
            if let v = c.bool(n, "fit.shuffle") { fit.shuffle = v } else { ok = false }
        }
        if let n = given("validation") {
            if case .null? = n.scalar?.value {
                fit.validation = .none
            } else if let split = n.mapping {
                // resolved.json's form of validation_split.
                c.checkKeys(split, known: ["split"], in: "fit.validation")
                if let v = c.value(split, "split", required: true, in: "fit.validation", at: n.mark),
                   let x = c.double(v, "fit.validation.split", .unitOpen), split.count == 1 {
                    fit.validation = .split(x)
                } else { ok = false }
            } else if n.scalar?.string == nil {
                c.error(n.mark, "'fit.validation' must be 'test', 'none' or {split: FRACTION}, not \(Checker.describe(n)); for a fraction of the training set write 'validation_split: 0.1'")
                ok = false
            } else if let v = c.name(n, "fit.validation", kind: "validation", known: ["test", "none"]) {
                fit.validation = v == "test" ? .test : .none
            } else { ok = false }
        }
        if let n = given("validation_split") {
            if let v = c.double(n, "fit.validation_split", .unitOpen) { fit.validation = .split(v) } else { ok = false }
            if let key = pairs.first(where: { $0.key.scalar?.text == "validation_split" })?.key, given("validation") != nil {
                c.error(key.mark, "give either 'fit.validation' or 'fit.validation_split', not both")
                ok = false
            }
        }
        let monitors = metrics.map { Self.monitors(metrics: $0, validation: fit.validation != .none) }
        if let n = given("early_stopping"), !n.isNull {
            if let e = earlyStopping(n, monitors: monitors, &c) { fit.earlyStopping = e } else { ok = false }
        }
        if let n = given("learning_rate_schedule"), !n.isNull {
            if let s = learningRateSchedule(n, monitors: monitors, &c) { fit.learningRateSchedule = s } else { ok = false }
        }
        return ok ? fit : nil
    }

    /// What a fit logs each epoch: `loss`, each metric, and their `val_` forms when validation is on.
    static func monitors(metrics: [Metric], validation: Bool) -> [String] {
        let names = ["loss"] + metrics.map(\.name)
        return validation ? names + names.map { "val_" + $0 } : names
    }
}
