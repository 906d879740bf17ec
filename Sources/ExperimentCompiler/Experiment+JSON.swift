import ModelKinds

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

extension LayerSpec {
    var json: JSONValue {
        switch self {
        case .dense(let d):
            return .object(["dense": .object([
                "units": .int(d.units),
                "activation": .string(d.activation.rawValue),
                "use_bias": .bool(d.useBias),
                "kernel_initializer": .string(d.kernelInitializer.rawValue),
                "bias_initializer": .string(d.biasInitializer.rawValue),
                "kernel_regularizer": d.kernelRegularizer?.json ?? .null,
            ])])
        case .dropout(let d):
            return .object(["dropout": .object(["rate": .double(d.rate), "seed": d.seed.map(JSONValue.uint) ?? .null])])
        case .conv2D(let conv):
            return .object(["conv2d": .object([
                "filters": .int(conv.filters),
                "kernel_size": conv.kernelSize.json,
                "strides": conv.strides.json,
                "padding": .string(conv.padding.rawValue),
                "activation": .string(conv.activation.rawValue),
                "use_bias": .bool(conv.useBias),
                "kernel_initializer": .string(conv.kernelInitializer.rawValue),
                "bias_initializer": .string(conv.biasInitializer.rawValue),
                "kernel_regularizer": conv.kernelRegularizer?.json ?? .null,
            ])])
        case .maxPooling2D(let p), .averagePooling2D(let p):
            return .object([kind.rawValue: .object([
                "pool_size": p.poolSize.json,
                "strides": p.strides?.json ?? .null,
                "padding": .string(p.padding.rawValue),
            ])])
        case .flatten, .globalAveragePooling2D:
            return .object([kind.rawValue: .object([:])])
        case .batchNormalization(let b):
            return .object(["batch_normalization": .object([
                "momentum": .double(b.momentum), "epsilon": .double(b.epsilon), "center": .bool(b.center), "scale": .bool(b.scale),
            ])])
        }
    }
}

extension Regularizer {
    var json: JSONValue { .object(["l1": .double(l1), "l2": .double(l2)]) }
}

extension Size2D {
    /// `[height, width]`, as Keras' `get_config()` writes a tuple.
    var json: JSONValue { .array([.int(height), .int(width)]) }
}

extension OptimizerSpec {
    /// Hyperparameters under their Keras names; RMSprop also records where its epsilon sits.
    var json: JSONValue {
        var members: [String: JSONValue] = ["name": .string(name)]
        switch self {
        case .sgd(let s): members.merge(Self.members(s)) { $1 }
        case .rmsprop(let s):
            members.merge(Self.members(s)) { $1 }
            members[Schema.epsilonPlacementKey] = .string(Schema.epsilonPlacement)
        case .adam(let s): members.merge(Self.members(s)) { $1 }
        case .adamw(let s): members.merge(Self.members(s)) { $1 }
        case .adagrad(let s): members.merge(Self.members(s)) { $1 }
        }
        return .object(members)
    }

    private static func members<S: OptimizerSettings>(_ settings: S) -> [String: JSONValue] {
        var members: [String: JSONValue] = [:]
        for parameter in S.hyperparameters {
            switch parameter.setting {
            case .number(let keyPath, _): members[parameter.key] = .double(settings[keyPath: keyPath])
            case .flag(let keyPath): members[parameter.key] = .bool(settings[keyPath: keyPath])
            }
        }
        return members
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
