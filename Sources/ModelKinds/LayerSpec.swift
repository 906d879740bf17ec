/// One layer of a Sequential model, as Keras 3 describes it (`keras.layers`).
///
/// A new kind is one struct here and one case below: the compiler reads it from the experiment file,
/// the engine builds it (`Sequential`), and both switch over this enum, so neither can forget it.
public enum LayerSpec: Sendable, Equatable {
    case dense(DenseSpec)
    case dropout(DropoutSpec)

    /// The kind's name, the key that starts the layer in the experiment file.
    public var kind: LayerKind {
        switch self {
        case .dense: return .dense
        case .dropout: return .dropout
        }
    }
}

/// The layer kinds by their Keras 3 names (`keras.layers.Dense` is `dense`), in the order diagnostics list them.
public enum LayerKind: String, Sendable, Equatable, CaseIterable {
    case dense, dropout

    /// The layer's first positional argument in Keras (`Dense(units)`, `Dropout(rate)`), its value in the
    /// short form `- dense: 512`.
    public var mainArgument: String {
        switch self {
        case .dense: return "units"
        case .dropout: return "rate"
        }
    }
}

/// `keras.layers.Dense(units, activation, use_bias, kernel_initializer, bias_initializer, kernel_regularizer)`:
/// `y = activation(x W + b)`, with Keras 3's defaults.
public struct DenseSpec: Sendable, Equatable {
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
