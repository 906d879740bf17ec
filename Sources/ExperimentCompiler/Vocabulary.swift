/// Every name the experiment file knows, with Keras 3's defaults, in one table.
///
/// Defaults follow `keras.optimizers.*` and `keras.layers.Dense` in Keras 3.
/// Ranges follow Keras where it checks (SGD's momentum in [0, 1]) and the optimizer's formula elsewhere
/// (a decay rate of 1 would freeze the moving average, so beta_1, beta_2 and rho are in [0, 1)).
public enum Vocabulary {
    /// The keys of each section, in the order documented in docs/experiments.md.
    public static let topLevelKeys = ["name", "seed", "data", "model", "compile", "fit"]
    static let dataKeys = ["dataset", "preprocess"]
    static let preprocessKeys = ["flatten", "scale", "standardize"]
    static let csvKeys = ["csv", "label", "test_csv", "test_fraction"]
    static let modelKeys = ["layers"]
    static let compileKeys = ["optimizer", "loss", "metrics"]
    static let fitKeys = ["epochs", "batch_size", "shuffle", "validation", "validation_split", "early_stopping",
                          "learning_rate_schedule"]

    static let layerKinds = ["dense", "dropout"]
    static let denseOptions = ["activation", "use_bias", "kernel_initializer", "bias_initializer", "kernel_regularizer"]
    static let dropoutOptions = ["seed"]
    static let activations = Activation.allCases.map(\.rawValue)
    static let initializers = Initializer.allCases.map(\.rawValue)

    /// Built-in datasets: MNIST and Fashion-MNIST are both 28x28 grey images of 10 classes.
    static let datasets: [(name: String, dataset: Dataset, shape: DatasetShape)] = [
        ("mnist", .mnist, DatasetShape(features: 28 * 28, classes: 10)),
        ("fashion-mnist", .fashionMNIST, DatasetShape(features: 28 * 28, classes: 10)),
    ]

    /// Where a scalar short form may be widened to `{name: ...}` by an override (`[]` is any index).
    static let shortFormPaths = ["compile.optimizer", "compile.loss", "compile.metrics[]", "fit.learning_rate_schedule"]

    /// A numeric interval with the wording diagnostics use for it.
    struct Bounds: Sendable {
        var lower: Double
        var lowerInclusive: Bool
        var upper: Double?
        var upperInclusive: Bool

        static let positive = Bounds(lower: 0, lowerInclusive: false, upper: nil, upperInclusive: false)
        static let nonNegative = Bounds(lower: 0, lowerInclusive: true, upper: nil, upperInclusive: false)
        static let unitClosed = Bounds(lower: 0, lowerInclusive: true, upper: 1, upperInclusive: true)
        static let unitHalfOpen = Bounds(lower: 0, lowerInclusive: true, upper: 1, upperInclusive: false)
        static let unitOpen = Bounds(lower: 0, lowerInclusive: false, upper: 1, upperInclusive: false)
        static let anyFinite = Bounds(lower: -.greatestFiniteMagnitude, lowerInclusive: true, upper: nil, upperInclusive: false)

        func contains(_ x: Double) -> Bool {
            guard x.isFinite else { return false }
            if lowerInclusive ? x < lower : x <= lower { return false }
            if let upper, upperInclusive ? x > upper : x >= upper { return false }
            return true
        }

        /// "greater than 0", "at least 0", "in [0, 1)".
        var wording: String {
            if lower == -.greatestFiniteMagnitude && upper == nil { return "of either sign" }
            guard let upper else { return lowerInclusive ? "at least \(format(lower))" : "greater than \(format(lower))" }
            return "in \(lowerInclusive ? "[" : "(")\(format(lower)), \(format(upper))\(upperInclusive ? "]" : ")")"
        }

        private func format(_ x: Double) -> String {
            x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : "\(x)"
        }
    }

    /// A hyperparameter's default: a number or a flag.
    enum Setting: Sendable, Equatable {
        case number(Double, Bounds)
        case flag(Bool)

        static func == (a: Setting, b: Setting) -> Bool {
            switch (a, b) {
            case (.number(let x, _), .number(let y, _)): return x == y
            case (.flag(let x), .flag(let y)): return x == y
            default: return false
            }
        }
    }

    /// RMSprop's epsilon sits inside the square root in Keras 3 (outside in PyTorch); resolved.json says so
    /// under this key, with this, its only accepted value.
    static let epsilonPlacementKey = "epsilon_placement"
    static let epsilonPlacement = "inside_sqrt"

    /// Keras 3 constructor defaults, in constructor order.
    static let optimizers: [(name: String, settings: [(key: String, setting: Setting)])] = [
        ("sgd", [
            ("learning_rate", .number(0.01, .positive)),
            ("momentum", .number(0, .unitClosed)),
            ("nesterov", .flag(false)),
        ]),
        ("rmsprop", [
            ("learning_rate", .number(0.001, .positive)),
            ("rho", .number(0.9, .unitHalfOpen)),
            ("momentum", .number(0, .unitClosed)),
            ("epsilon", .number(1e-7, .positive)),
            ("centered", .flag(false)),
        ]),
        ("adam", [
            ("learning_rate", .number(0.001, .positive)),
            ("beta_1", .number(0.9, .unitHalfOpen)),
            ("beta_2", .number(0.999, .unitHalfOpen)),
            ("epsilon", .number(1e-7, .positive)),
            ("amsgrad", .flag(false)),
        ]),
        ("adamw", [
            ("learning_rate", .number(0.001, .positive)),
            ("weight_decay", .number(0.004, .nonNegative)),
            ("beta_1", .number(0.9, .unitHalfOpen)),
            ("beta_2", .number(0.999, .unitHalfOpen)),
            ("epsilon", .number(1e-7, .positive)),
            ("amsgrad", .flag(false)),
        ]),
        ("adagrad", [
            ("learning_rate", .number(0.001, .positive)),
            ("initial_accumulator_value", .number(0.1, .nonNegative)),
            ("epsilon", .number(1e-7, .positive)),
        ]),
    ]

    /// Losses; `probabilityActivation` is what the last layer must apply unless `from_logits: true`
    /// (nil: the loss has no `from_logits`), `oneUnitPerClass` whether the last width must be the class count.
    static let losses: [(kind: Loss.Kind, probabilityActivation: Activation?, oneUnitPerClass: Bool)] = [
        (.sparseCategoricalCrossentropy, .softmax, true),
        (.categoricalCrossentropy, .softmax, true),
        (.binaryCrossentropy, .sigmoid, false),
        (.meanSquaredError, nil, false),
        (.meanAbsoluteError, nil, false),
    ]

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
