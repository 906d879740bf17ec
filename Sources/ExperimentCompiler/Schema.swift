import ModelKinds

/// What the experiment file's format adds to the model kinds: the keys of each section, the names as the file
/// spells them, the built-in datasets, and the limits.
///
/// The kinds themselves, with Keras 3's defaults and each hyperparameter's accepted range, are defined once in
/// ModelKinds (`OptimizerSpec`, `LossKind`, `LayerKind`, ...); this table only reads them.
public enum Schema {
    /// The keys of each section, in the order documented in docs/experiments.md.
    public static let topLevelKeys = ["name", "seed", "data", "model", "compile", "fit"]
    static let dataKeys = ["dataset", "preprocess"]
    static let preprocessKeys = ["flatten", "scale", "standardize"]
    static let csvKeys = ["csv", "label", "test_csv", "test_fraction"]
    static let modelKeys = ["layers"]
    static let compileKeys = ["optimizer", "loss", "metrics"]
    static let fitKeys = ["epochs", "batch_size", "shuffle", "validation", "validation_split", "early_stopping",
                          "learning_rate_schedule"]

    static let layerKinds = LayerKind.allCases.map(\.rawValue)
    static let denseOptions = ["activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer"]
    static let dropoutOptions = ["seed"]
    static let conv2DOptions = ["kernel_size", "strides", "padding"] + denseOptions
    static let poolingOptions = ["strides", "padding"]
    static let batchNormalizationOptions = ["momentum", "epsilon", "center", "scale"]

    /// The options of each layer kind besides its main argument, in the order docs/experiments.md lists them.
    static func options(of kind: LayerKind) -> [String] {
        switch kind {
        case .dense: return denseOptions
        case .dropout: return dropoutOptions
        case .conv2D: return conv2DOptions
        case .maxPooling2D, .averagePooling2D: return poolingOptions
        case .flatten, .globalAveragePooling2D: return []
        case .batchNormalization: return batchNormalizationOptions
        }
    }
    static let activations = Activation.allCases.map(\.rawValue)
    static let initializers = Initializer.allCases.map(\.rawValue)

    /// Built-in datasets: MNIST and Fashion-MNIST are both 28x28 grey images of 10 classes.
    static let datasets: [(name: String, dataset: Dataset, shape: DatasetShape)] = [
        ("mnist", .mnist, DatasetShape(rows: 28, columns: 28, classes: 10)),
        ("fashion-mnist", .fashionMNIST, DatasetShape(rows: 28, columns: 28, classes: 10)),
    ]

    /// Where a scalar short form may be widened to `{name: ...}` by an override (`[]` is any index).
    static let shortFormPaths = ["compile.optimizer", "compile.loss", "compile.metrics[]", "fit.learning_rate_schedule"]

    /// RMSprop's epsilon sits inside the square root in Keras 3 (outside in PyTorch); resolved.json says so
    /// under this key, with this, its only accepted value.
    static let epsilonPlacementKey = "epsilon_placement"
    static let epsilonPlacement = "inside_sqrt"

    static let metrics = ["accuracy", "top_k_categorical_accuracy"]

    static let earlyStoppingKeys = ["monitor", "mode", "patience", "min_delta", "restore_best_weights", "start_from_epoch", "baseline"]
    /// Learning-rate schedules and the keys each takes (besides `name`), required ones first.
    static let schedules: [(name: String, required: [String], optional: [String])] = [
        ("exponential_decay", ["decay_steps", "decay_rate"], ["staircase"]),
        ("cosine_decay", ["decay_steps"], ["alpha"]),
        ("step_decay", ["every", "factor"], []),
        ("reduce_lr_on_plateau", [], ["monitor", "mode", "factor", "patience", "min_delta", "cooldown", "min_lr"]),
    ]
    /// Patience, cooldown and warm-up epochs share the epochs' limit.
    static let maxEpochCount = Int(Int32.max)
    /// Keras' default k for top_k_categorical_accuracy.
    static let defaultTopK = 5

    /// Keras' own limits are looser; these keep every size an Int32 and a layer's weights addressable.
    static let maxUnits = 1 << 24
    static let maxBatchSize = Int(Int32.max)
    static let maxEpochs = Int(Int32.max)
}

extension Bounds {
    /// "greater than 0", "at least 0", "in [0, 1)".
    var wording: String {
        if lower == -.greatestFiniteMagnitude && upper == nil { return "of either sign" }
        guard let upper else { return lowerInclusive ? "at least \(format(lower))" : "greater than \(format(lower))" }
        return "in \(lowerInclusive ? "[" : "(")\(format(lower)), \(format(upper))\(upperInclusive ? "]" : ")")"
    }

    /// For a value inside the bounds whose float32 `rounded` reaches an open end (rho = 0.99999999 becomes 1):
    /// the float32 nearest that end from inside, as a message says it (`at most 0.99999994`); nil otherwise.
    /// A closed end crossed by rounding (1e29 is 1.0000000150474662e29 in float32) is harmless, so not checked.
    func openEndReached(byRounding rounded: Float) -> String? {
        if let upper, !upperInclusive, Double(rounded) >= upper {
            return "at most \(Double(Float(upper)) < upper ? Float(upper) : Float(upper).nextDown)"
        }
        if !lowerInclusive, Double(rounded) <= lower {
            let low = Float(lower)
            return "at least \(max(Double(low) > lower ? low : low.nextUp, .leastNormalMagnitude))"
        }
        return nil
    }

    private func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
    }
}
