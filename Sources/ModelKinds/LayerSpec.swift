/// One layer of a Sequential model, as Keras 3 describes it (`keras.layers`).
///
/// A new kind is one struct here and one case below: the compiler reads it from the experiment file,
/// the engine builds it (`Sequential`), and both switch over this enum, so neither can forget it.
public enum LayerSpec: Sendable, Equatable {
    case dense(DenseSpec)
    case dropout(DropoutSpec)
    case conv2D(Conv2DSpec)
    case maxPooling2D(Pooling2DSpec)
    case averagePooling2D(Pooling2DSpec)
    /// `keras.layers.Flatten()`: an image becomes a vector of its h * w * c values, in channels-last order.
    case flatten
    /// `keras.layers.GlobalAveragePooling2D()`: each channel's mean over the image, a vector of c values.
    case globalAveragePooling2D
    case batchNormalization(BatchNormalizationSpec)

    /// The kind's name, the key that starts the layer in the experiment file.
    public var kind: LayerKind {
        switch self {
        case .dense: return .dense
        case .dropout: return .dropout
        case .conv2D: return .conv2D
        case .maxPooling2D: return .maxPooling2D
        case .averagePooling2D: return .averagePooling2D
        case .flatten: return .flatten
        case .globalAveragePooling2D: return .globalAveragePooling2D
        case .batchNormalization: return .batchNormalization
        }
    }
}

/// The layer kinds by their Keras 3 names (`keras.layers.Dense` is `dense`), in the order diagnostics list them.
public enum LayerKind: String, Sendable, Equatable, CaseIterable {
    case dense, dropout
    case conv2D = "conv2d"
    case maxPooling2D = "max_pooling2d"
    case averagePooling2D = "average_pooling2d"
    case flatten
    case globalAveragePooling2D = "global_average_pooling2d"
    case batchNormalization = "batch_normalization"

    /// The layer's first positional argument in Keras (`Dense(units)`, `Dropout(rate)`, `Conv2D(filters)`,
    /// `MaxPooling2D(pool_size)`), its value in the short form `- dense: 512`; nil for a kind without one
    /// (`- flatten`, `- batch_normalization: {momentum: 0.9}`).
    public var mainArgument: String? {
        switch self {
        case .dense: return "units"
        case .dropout: return "rate"
        case .conv2D: return "filters"
        case .maxPooling2D, .averagePooling2D: return "pool_size"
        case .flatten, .globalAveragePooling2D, .batchNormalization: return nil
        }
    }

    /// Whether the main argument must be given (Keras has no default for units, rate or filters).
    public var mainArgumentRequired: Bool {
        switch self {
        case .dense, .dropout, .conv2D: return true
        default: return false
        }
    }

    /// Keras' class name, as the summary shows it: `Dense`, `Conv2D`, `MaxPooling2D`.
    public var className: String {
        switch self {
        case .dense: return "Dense"
        case .dropout: return "Dropout"
        case .conv2D: return "Conv2D"
        case .maxPooling2D: return "MaxPooling2D"
        case .averagePooling2D: return "AveragePooling2D"
        case .flatten: return "Flatten"
        case .globalAveragePooling2D: return "GlobalAveragePooling2D"
        case .batchNormalization: return "BatchNormalization"
        }
    }
}

/// `keras.layers.Dense(units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer)`:
/// `y = activation(x W + b)`, with Keras 3's defaults.
public struct DenseSpec: KernelLayerSpec {
    public var units: Int
    /// Default linear, as Keras' `activation=None`.
    public var activation: Activation
    /// Default true, as in Keras.
    public var useBias: Bool
    /// Default glorot_uniform, as in Keras.
    public var kernelInitializer: Initializer
    /// Default zeros, as in Keras.
    public var biasInitializer: Initializer
    /// A penalty on the kernel (never on the bias); default none, as in Keras.
    public var kernelRegularizer: Regularizer?

    public init(
        units: Int, activation: Activation = .linear, useBias: Bool = true,
        kernelInitializer: Initializer = .glorotUniform, biasInitializer: Initializer = .zeros,
        kernelRegularizer: Regularizer? = nil
    ) {
        self.units = units
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
    }
}

/// `keras.layers.Dropout(rate, seed)`: in training, zeroes each input with probability `rate` and scales
/// the rest by 1 / (1 - rate); the identity at evaluation.
public struct DropoutSpec: Sendable, Equatable {
    /// The fraction of inputs zeroed in training, in [0, 1) (the compiler reports others).
    public var rate: Double
    /// The layer's own seed; nil (the default) draws from the model's seed (Keras' `seed=None` uses the global one).
    public var seed: UInt64?

    public init(rate: Double, seed: UInt64? = nil) {
        precondition(rate >= 0 && rate < 1, "dropout rate \(rate) outside [0, 1)")
        self.rate = rate
        self.seed = seed
    }
}

/// What dense and conv2d layers share: a kernel and an optional bias, their initializers, a kernel penalty
/// and an activation applied last.
public protocol KernelLayerSpec: Sendable, Equatable {
    var activation: Activation { get set }
    var useBias: Bool { get set }
    var kernelInitializer: Initializer { get set }
    var biasInitializer: Initializer { get set }
    var kernelRegularizer: Regularizer? { get set }
}
