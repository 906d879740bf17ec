import ModelKinds
import YAML

extension Compiler {
    /// `early_stopping: {monitor: val_loss, patience: 2, restore_best_weights: true}`; Keras 3's defaults.
    func earlyStopping(_ node: Node, monitors: [String]?, _ c: inout Checker) -> EarlyStopping? {
        let path = "fit.early_stopping"
        guard let pairs = c.mapping(node, path, example: "{monitor: val_loss, patience: 2}") else { return nil }
        c.checkKeys(pairs, known: Schema.earlyStoppingKeys, in: path)
        var options = Options(pairs: pairs, path: path)
        var e = EarlyStopping()
        options.monitor(&e.monitor, &e.mode, monitors: monitors, at: node.mark, &c)
        options.int("patience", &e.patience, &c)
        options.int("start_from_epoch", &e.startFromEpoch, &c)
        options.double("min_delta", &e.minDelta, .nonNegative, &c)
        options.bool("restore_best_weights", &e.restoreBestWeights, &c)
        if let n = options["baseline"], !n.isNull {
            if let x = c.double(n, "\(path).baseline", .anyFinite) { e.baseline = x } else { options.ok = false }
        }
        return options.ok && !pairs.contains(where: { !Schema.earlyStoppingKeys.contains($0.key.scalar?.text ?? "") }) ? e : nil
    }

    /// `learning_rate_schedule: {name: exponential_decay, decay_steps: 1000, decay_rate: 0.9}`, or a bare
    /// name where every key has a default (`reduce_lr_on_plateau`).
    func learningRateSchedule(_ node: Node, monitors: [String]?, _ c: inout Checker) -> LearningRateSchedule? {
        let path = "fit.learning_rate_schedule"
        guard let (name, pairs) = named(node, path, kind: "learning rate schedule", known: Schema.schedules.map(\.name), &c),
              let entry = Schema.schedules.first(where: { $0.name == name }) else { return nil }
        c.checkKeys(pairs, known: ["name"] + entry.required + entry.optional, in: path)
        guard pairs.allSatisfy({ (entry.required + entry.optional).contains($0.key.scalar?.text ?? "") }) else { return nil }
        for key in entry.required where !pairs.contains(where: { $0.key.scalar?.text == key }) {
            c.error(node.mark, "missing key '\(key)' in '\(path)' (\(name) needs \(entry.required.joined(separator: " and ")))")
            return nil
        }
        var options = Options(pairs: pairs, path: path)
        var steps = 1, every = 1, rate = 1.0, alpha = 0.0, factor = 1.0, staircase = false
        let schedule: LearningRateSchedule
        switch name {
        case "exponential_decay":
            options.int("decay_steps", &steps, min: 1, &c)
            options.double("decay_rate", &rate, .positive, &c)
            options.bool("staircase", &staircase, &c)
            schedule = .exponentialDecay(decaySteps: steps, decayRate: rate, staircase: staircase)
        case "cosine_decay":
            options.int("decay_steps", &steps, min: 1, &c)
            options.double("alpha", &alpha, .unitClosed, &c)
            schedule = .cosineDecay(decaySteps: steps, alpha: alpha)
        case "step_decay":
            options.int("every", &every, min: 1, &c)
            options.double("factor", &factor, .positive, &c)
            schedule = .stepDecay(every: every, factor: factor)
        default:
            var r = ReduceLROnPlateau()
            options.monitor(&r.monitor, &r.mode, monitors: monitors, at: node.mark, &c)
            options.double("factor", &r.factor, .unitOpen, &c)
            options.int("patience", &r.patience, &c)
            options.double("min_delta", &r.minDelta, .nonNegative, &c)
            options.int("cooldown", &r.cooldown, &c)
            options.double("min_lr", &r.minLR, .nonNegative, &c)
            schedule = .reduceLROnPlateau(r)
        }
        return options.ok ? schedule : nil
    }
}

/// The options of one callback, read into defaults already in place; `ok` turns false at the first mistake.
private struct Options {
    let pairs: [Node.Pair]
    let path: String
    var ok = true

    subscript(key: String) -> Node? { pairs.first { $0.key.scalar?.text == key }?.value }

    mutating func int(_ key: String, _ value: inout Int, min: Int = 0, _ c: inout Checker) {
        guard let n = self[key] else { return }
        if let v = c.int(n, "\(path).\(key)", min...Schema.maxEpochCount) { value = v } else { ok = false }
    }

    mutating func double(_ key: String, _ value: inout Double, _ bounds: Bounds, _ c: inout Checker) {
        guard let n = self[key] else { return }
        if let v = c.double(n, "\(path).\(key)", bounds) { value = v } else { ok = false }
    }

    mutating func bool(_ key: String, _ value: inout Bool, _ c: inout Checker) {
        guard let n = self[key] else { return }
        if let v = c.bool(n, "\(path).\(key)") { value = v } else { ok = false }
    }

    /// `monitor` (default `val_loss`) among what the fit logs, and `mode`. A `val_` name without validation
    /// is refused with what to add; `monitors` is nil when the metrics are unknown (compile has mistakes).
    mutating func monitor(_ monitor: inout String, _ mode: inout MonitorMode, monitors: [String]?, at mark: Mark, _ c: inout Checker) {
        if let n = self["mode"] {
            if let m = c.name(n, "\(path).mode", kind: "mode", known: MonitorMode.allCases.map(\.rawValue)) {
                mode = MonitorMode(rawValue: m)!
            } else { ok = false }
        }
        let given = self["monitor"]
        if let given {
            guard let name = c.string(given, "\(path).monitor") else { ok = false; return }
            monitor = name
        }
        guard let monitors, !monitors.contains(monitor) else { return }
        ok = false
        let plain = monitor.hasPrefix("val_") ? String(monitor.dropFirst(4)) : monitor
        if monitor.hasPrefix("val_"), monitors.contains(plain) {
            let which = given == nil ? "monitors '\(monitor)' by default" : "monitors '\(monitor)'"
            c.error(given?.mark ?? mark, "'\(path)' \(which), which needs validation; add 'validation: test' or 'validation_split: 0.1' to fit, or monitor '\(plain)'")
        } else {
            c.error(given?.mark ?? mark, "unknown monitor '\(monitor)' in '\(path).monitor'\(Suggestion.hint(for: monitor, among: monitors))")
        }
    }
}
