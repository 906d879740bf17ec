import ModelKinds

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

/// A Sequential stack of layers.
public struct ModelSpec: Sendable, Equatable {
    public var layers: [LayerSpec]
    public init(layers: [LayerSpec]) { self.layers = layers }
}

/// Optimizer, loss and metrics, as `model.compile(...)` takes them.
public struct CompileSpec: Sendable, Equatable {
    public var optimizer: OptimizerSpec
    public var loss: Loss
    public var metrics: [Metric]

    public init(optimizer: OptimizerSpec, loss: Loss, metrics: [Metric] = []) {
        self.optimizer = optimizer
        self.loss = loss
        self.metrics = metrics
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
