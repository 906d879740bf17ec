/// A compiled experiment: every value checked and every Keras 3 default filled in.
///
/// A pure value: two experiments are equal exactly when their `resolvedJSON` is equal.
public struct Experiment: Sendable, Equatable {
    /// The run folder name: one safe path component.
    public var name: String
    /// Seeds initialisation, shuffling and dropout; 0 when the file gives none.
    public var seed: UInt64
    public var data: DataSpec
    public var model: ModelSpec
    public var compile: CompileSpec
    public var fit: FitSpec

    public init(name: String, seed: UInt64, data: DataSpec, model: ModelSpec, compile: CompileSpec, fit: FitSpec) {
        self.name = name
        self.seed = seed
        self.data = data
        self.model = model
        self.compile = compile
        self.fit = fit
    }
}

/// Where the examples come from and how they are prepared.
public struct DataSpec: Sendable, Equatable {
    public var dataset: Dataset
    /// Reshape each example to a vector, e.g. (28, 28) -> 784. Default true (dense layers need it).
    public var flatten: Bool
    /// Inputs are divided by this, e.g. 255 maps pixels to [0, 1]. Default 1 (unchanged).
    public var scale: Double
    /// Per-feature (x - mean) / std after `scale`, the statistics from the training split alone. Default false.
    public var standardize: Bool

    public init(dataset: Dataset, flatten: Bool = true, scale: Double = 1, standardize: Bool = false) {
        self.dataset = dataset
        self.flatten = flatten
        self.scale = scale
        self.standardize = standardize
    }
}

/// A dataset by name, a folder of IDX files (train/test images and labels), or a CSV file.
public enum Dataset: Sendable, Equatable, Hashable {
    case mnist
    case fashionMNIST
    case idxFolder(String)
    case csv(CSVDataset)
}

/// `{csv: PATH, label: COLUMN, test_csv: PATH}` or `{csv: PATH, label: COLUMN, test_fraction: F}`.
public struct CSVDataset: Sendable, Equatable, Hashable {
    /// Where the test samples come from: a second file, or a seeded fraction of the rows.
    public enum Test: Sendable, Equatable, Hashable {
        case file(String)
        case fraction(Double)
    }

    /// The CSV file (with a header), as written in the experiment: relative paths are taken from the
    /// current directory when the data is read.
    public var path: String
    /// The name of the label column in the header.
    public var label: String
    public var test: Test

    public init(path: String, label: String, test: Test) {
        self.path = path
        self.label = label
        self.test = test
    }
}

/// Feature count (after flattening) and class count of a dataset.
public struct DatasetShape: Sendable, Equatable {
    public var features: Int
    public var classes: Int
    public init(features: Int, classes: Int) {
        self.features = features
        self.classes = classes
    }
}

/// A Sequential stack of layers.
public struct ModelSpec: Sendable, Equatable {
    public var layers: [Layer]
    public init(layers: [Layer]) { self.layers = layers }
}

/// One layer of the stack.
public enum Layer: Sendable, Equatable {
    case dense(Dense)
    case dropout(Dropout)
}

/// `keras.layers.Dropout`: in training, zeroes each input with probability `rate` and scales the rest by
/// 1 / (1 - rate); the identity at evaluation.
public struct Dropout: Sendable, Equatable {
    /// In [0, 1).
    public var rate: Double
    /// The layer's own seed; nil (the default) draws from the experiment's seed.
    public var seed: UInt64?

    public init(rate: Double, seed: UInt64? = nil) {
        self.rate = rate
        self.seed = seed
    }
}

/// `keras.regularizers.L1L2`: `l1 * sum(|w|) + l2 * sum(w^2)` on a dense layer's kernel; `{l2: x}` is Keras' `L2(x)`.
public struct Regularizer: Sendable, Equatable {
    public var l1: Double
    public var l2: Double

    public init(l1: Double = 0, l2: Double = 0) {
        self.l1 = l1
        self.l2 = l2
    }
}

/// `keras.layers.Dense`: y = activation(x W + b).
public struct Dense: Sendable, Equatable {
    public var units: Int
    /// Default linear, as in Keras (`activation=None`).
    public var activation: Activation
    public var useBias: Bool
    public var kernelInitializer: Initializer
    public var biasInitializer: Initializer
    /// Default none, as in Keras.
    public var kernelRegularizer: Regularizer?

    public init(units: Int, activation: Activation = .linear, useBias: Bool = true,
                kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
                kernelRegularizer: Regularizer? = nil) {
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
    }
}

/// Activation functions by their Keras names.
public enum Activation: String, Sendable, Equatable, CaseIterable {
    case relu, sigmoid, tanh, softmax, linear, elu, selu, gelu
    case leakyRelu = "leaky_relu"
    case softplus, swish
}

/// Weight initializers by their Keras names.
public enum Initializer: String, Sendable, Equatable, CaseIterable {
    case glorotUniform = "glorot_uniform"
    case glorotNormal = "glorot_normal"
    case heNormal = "he_normal"
    case heUniform = "he_uniform"
    case lecunNormal = "lecun_normal"
    case lecunUniform = "lecun_uniform"
    case zeros, ones
}

/// Optimizer, loss and metrics, as `model.compile(...)` takes them.
public struct CompileSpec: Sendable, Equatable {
    public var optimizer: Optimizer
    public var loss: Loss
    public var metrics: [Metric]

    public init(optimizer: Optimizer, loss: Loss, metrics: [Metric] = []) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
    }
}

/// An optimizer with every hyperparameter resolved (defaults: `Vocabulary.optimizers`, Keras 3).
public enum Optimizer: Sendable, Equatable {
    case sgd(learningRate: Double, momentum: Double, nesterov: Bool)
    /// Keras 3 puts epsilon inside the square root: w -= lr * g / sqrt(v + epsilon).
    case rmsprop(learningRate: Double, rho: Double, momentum: Double, epsilon: Double, centered: Bool)
    case adam(learningRate: Double, beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool)
    case adamw(learningRate: Double, weightDecay: Double, beta1: Double, beta2: Double, epsilon: Double, amsgrad: Bool)
    case adagrad(learningRate: Double, initialAccumulatorValue: Double, epsilon: Double)

    /// The Keras name (`rmsprop`, ...).
    public var name: String {
        switch self {
        case .sgd: return "sgd"
        case .rmsprop: return "rmsprop"
        case .adam: return "adam"
        case .adamw: return "adamw"
        case .adagrad: return "adagrad"
        }
    }
}

/// A loss by its Keras name; `fromLogits` only ever true for the cross-entropies.
public struct Loss: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
        case categoricalCrossentropy = "categorical_crossentropy"
        case binaryCrossentropy = "binary_crossentropy"
        case meanSquaredError = "mean_squared_error"
        case meanAbsoluteError = "mean_absolute_error"
    }

    public var kind: Kind
    public var fromLogits: Bool

    public init(_ kind: Kind, fromLogits: Bool = false) {
        self.kind = kind
        self.fromLogits = fromLogits
    }
}

/// A metric reported during training and evaluation.
public enum Metric: Sendable, Equatable {
    case accuracy
    /// Default k = 5, as in Keras.
    case topKCategoricalAccuracy(k: Int)

    public var name: String {
        switch self {
        case .accuracy: return "accuracy"
        case .topKCategoricalAccuracy: return "top_k_categorical_accuracy"
        }
    }
}

/// How `model.fit(...)` is called.
public struct FitSpec: Sendable, Equatable {
    /// Default 1, as in Keras.
    public var epochs: Int
    /// Default 32, as in Keras.
    public var batchSize: Int
    /// Default true, as in Keras.
    public var shuffle: Bool
    public var validation: Validation
    /// `keras.callbacks.EarlyStopping`; default none.
    public var earlyStopping: EarlyStopping?
    /// A learning-rate schedule or `ReduceLROnPlateau`; default none (the optimizer's rate throughout).
    public var learningRateSchedule: LearningRateSchedule?

    public init(epochs: Int = 1, batchSize: Int = 32, shuffle: Bool = true, validation: Validation = .none,
                earlyStopping: EarlyStopping? = nil, learningRateSchedule: LearningRateSchedule? = nil) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.validation = validation
        self.earlyStopping = earlyStopping
        self.learningRateSchedule = learningRateSchedule
    }
}

/// What is evaluated after every epoch.
public enum Validation: Sendable, Equatable {
    case none
    /// The dataset's test split (`validation_data=(x_test, y_test)`).
    case test
    /// The last `fraction` of the training examples, taken before shuffling (`validation_split`).
    case split(Double)
}
