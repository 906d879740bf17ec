/// The compiled experiment as JSON: every default filled in, keys named as in the YAML file.
///
/// Becomes `resolved.json` in every run folder and is hashed for the run id, so it depends on the
/// experiment alone (no paths resolved against the disk, no clock, no host).
extension Experiment {
    public var resolvedJSON: JSONValue {
        .object([
            "name": .string(name),
            "seed": .uint(seed),
            "data": data.json,
            "model": .object(["layers": .array(model.layers.map(\.json))]),
            "compile": .object([
                "optimizer": compile.optimizer.json,
                "loss": .object(["name": .string(compile.loss.kind.rawValue), "from_logits": .bool(compile.loss.fromLogits)]),
                "metrics": .array(compile.metrics.map(\.json)),
            ]),
            "fit": fit.json,
        ])
    }

    /// `resolvedJSON` in its canonical text.
    public var resolvedJSONText: String { resolvedJSON.canonicalText }
}

extension DataSpec {
    var json: JSONValue {
        let dataset: JSONValue
        switch self.dataset {
        case .mnist: dataset = .string("mnist")
        case .fashionMNIST: dataset = .string("fashion-mnist")
        case .idxFolder(let path): dataset = .object(["idx_folder": .string(path)])
        case .csv(let csv):
            var members: [String: JSONValue] = ["csv": .string(csv.path), "label": .string(csv.label)]
            switch csv.test {
            case .file(let path): members["test_csv"] = .string(path)
            case .fraction(let fraction): members["test_fraction"] = .double(fraction)
            }
            dataset = .object(members)
        }
        return .object(["dataset": dataset, "preprocess": .object([
            "flatten": .bool(flatten), "scale": .double(scale), "standardize": .bool(standardize),
        ])])
    }
}

extension Layer {
    var json: JSONValue {
        switch self {
        case .dense(let d):
            return .object(["dense": .object([
                "units": .int(d.units),
                "activation": .string(d.activation.rawValue),
                "use_bias": .bool(d.useBias),
                "kernel_initializer": .string(d.kernelInitializer.rawValue),
                "bias_initializer": .string(d.biasInitializer.rawValue),
                "kernel_regularizer": d.kernelRegularizer.map { .object(["l1": .double($0.l1), "l2": .double($0.l2)]) } ?? .null,
            ])])
        case .dropout(let d):
            return .object(["dropout": .object(["rate": .double(d.rate), "seed": d.seed.map(JSONValue.uint) ?? .null])])
        }
    }
}

extension Optimizer {
    /// Hyperparameters under their Keras names; RMSprop also records where its epsilon sits.
    var json: JSONValue {
        var members: [String: JSONValue] = ["name": .string(name)]
        switch self {
        case .sgd(let lr, let momentum, let nesterov):
            members.merge(["learning_rate": .double(lr), "momentum": .double(momentum), "nesterov": .bool(nesterov)]) { $1 }
        case .rmsprop(let lr, let rho, let momentum, let epsilon, let centered):
            members.merge(["learning_rate": .double(lr), "rho": .double(rho), "momentum": .double(momentum),
                           "epsilon": .double(epsilon), "centered": .bool(centered),
                           "epsilon_placement": .string(Vocabulary.epsilonPlacement)]) { $1 }
        case .adam(let lr, let b1, let b2, let epsilon, let amsgrad):
            members.merge(["learning_rate": .double(lr), "beta_1": .double(b1), "beta_2": .double(b2),
                           "epsilon": .double(epsilon), "amsgrad": .bool(amsgrad)]) { $1 }
        case .adamw(let lr, let wd, let b1, let b2, let epsilon, let amsgrad):
            members.merge(["learning_rate": .double(lr), "weight_decay": .double(wd), "beta_1": .double(b1),
                           "beta_2": .double(b2), "epsilon": .double(epsilon), "amsgrad": .bool(amsgrad)]) { $1 }
        case .adagrad(let lr, let initial, let epsilon):
            members.merge(["learning_rate": .double(lr), "initial_accumulator_value": .double(initial),
                           "epsilon": .double(epsilon)]) { $1 }
        }
        return .object(members)
    }
}

extension Metric {
    var json: JSONValue {
        switch self {
        case .accuracy: return .object(["name": .string(name)])
        case .topKCategoricalAccuracy(let k): return .object(["name": .string(name), "k": .int(k)])
        }
    }
}

extension FitSpec {
    var json: JSONValue {
        let validation: JSONValue
        switch self.validation {
        case .none: validation = .string("none")
        case .test: validation = .string("test")
        case .split(let fraction): validation = .object(["split": .double(fraction)])
        }
        return .object([
            "epochs": .int(epochs), "batch_size": .int(batchSize), "shuffle": .bool(shuffle), "validation": validation,
            "early_stopping": earlyStopping?.json ?? .null,
            "learning_rate_schedule": learningRateSchedule?.json ?? .null,
        ])
    }
}

extension EarlyStopping {
    var json: JSONValue {
        .object([
            "monitor": .string(monitor), "mode": .string(mode.rawValue), "patience": .int(patience),
            "min_delta": .double(minDelta), "restore_best_weights": .bool(restoreBestWeights),
            "start_from_epoch": .int(startFromEpoch), "baseline": baseline.map(JSONValue.double) ?? .null,
        ])
    }
}

extension LearningRateSchedule {
    var json: JSONValue {
        var members: [String: JSONValue] = ["name": .string(name)]
        switch self {
        case let .exponentialDecay(steps, rate, staircase):
            members.merge(["decay_steps": .int(steps), "decay_rate": .double(rate), "staircase": .bool(staircase)]) { $1 }
        case let .cosineDecay(steps, alpha):
            members.merge(["decay_steps": .int(steps), "alpha": .double(alpha)]) { $1 }
        case let .stepDecay(every, factor):
            members.merge(["every": .int(every), "factor": .double(factor)]) { $1 }
        case let .reduceLROnPlateau(r):
            members.merge([
                "monitor": .string(r.monitor), "mode": .string(r.mode.rawValue), "factor": .double(r.factor),
                "patience": .int(r.patience), "min_delta": .double(r.minDelta), "cooldown": .int(r.cooldown),
                "min_lr": .double(r.minLR),
            ]) { $1 }
        }
        return .object(members)
    }
}
