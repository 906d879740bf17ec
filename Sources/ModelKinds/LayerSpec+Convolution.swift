/// A height and a width: a kernel's, a pooling window's or a stride's (Keras' `(3, 3)` tuples).
public struct Size2D: Sendable, Equatable, CustomStringConvertible {
    public var height: Int
    public var width: Int

    public init(_ height: Int, _ width: Int) {
        self.height = height
        self.width = width
    }

    /// Keras' int form: `kernel_size=3` is `(3, 3)`.
    public static func square(_ n: Int) -> Size2D { Size2D(n, n) }

    public var area: Int { height * width }
    public var description: String { "(\(height), \(width))" }
}

/// Keras' `padding`: `valid` (no padding; windows that do not fit are dropped) or `same` (zeros around the
/// input so the output is `ceil(input / stride)`; the odd one of the padding goes after, as in TensorFlow).
public enum Padding: String, Sendable, Equatable, CaseIterable {
    case valid, same

    /// The output length and the padding before along one axis (`keras/src/ops/operation_utils.py`,
    /// `compute_conv_output_shape`): valid `floor((n - k) / s) + 1`, nil when the window does not fit;
    /// same `ceil(n / s)`, padding `max((out - 1) * s + k - n, 0)`, its floor half before.
    public func output(input n: Int, window k: Int, stride s: Int) -> (length: Int, before: Int)? {
        switch self {
        case .valid:
            return n >= k ? ((n - k) / s + 1, 0) : nil
        case .same:
            let out = (n + s - 1) / s
            return (out, max((out - 1) * s + k - n, 0) / 2)
        }
    }
}

/// `keras.layers.Conv2D(filters, kernel_size, strides=(1, 1), padding="valid", activation=None, use_bias=True,
/// kernel_initializer="glorot_uniform", bias_initializer="zeros", kernel_regularizer=None)`, channels-last:
/// `y = activation(conv(x, kernel) + b)` with the kernel shaped `(kh, kw, in, filters)`.
public struct Conv2DSpec: KernelLayerSpec {
    public var filters: Int
    /// Required in Keras; an int n is `(n, n)`.
    public var kernelSize: Size2D
    /// Default `(1, 1)`.
    public var strides: Size2D
    /// Default valid.
    public var padding: Padding
    /// Default linear, as Keras' `activation=None`.
    public var activation: Activation
    public var useBias: Bool
    /// Default glorot_uniform, with Keras' conv fans: `kh * kw * in` and `kh * kw * filters`.
    public var kernelInitializer: Initializer
    public var biasInitializer: Initializer
    /// A penalty on the kernel (never on the bias); default none.
    public var kernelRegularizer: Regularizer?

    public init(
        filters: Int, kernelSize: Size2D, strides: Size2D = .square(1), padding: Padding = .valid,
        activation: Activation = .linear, useBias: Bool = true, kernelInitializer: Initializer = .glorotUniform,
        biasInitializer: Initializer = .zeros, kernelRegularizer: Regularizer? = nil
    ) {
        self.filters = filters
        self.kernelSize = kernelSize
        self.strides = strides
        self.padding = padding
        self.activation = activation
        self.useBias = useBias
        self.kernelInitializer = kernelInitializer
        self.biasInitializer = biasInitializer
        self.kernelRegularizer = kernelRegularizer
    }
}

/// `keras.layers.MaxPooling2D` and `AveragePooling2D(pool_size=(2, 2), strides=None, padding="valid")`:
/// `strides=None` is the pool size. Average pooling with `same` padding divides by the window's cells that
/// lie inside the input (TensorFlow's `avg_pool`, which Keras calls); max pooling never picks a padded cell.
public struct Pooling2DSpec: Sendable, Equatable {
    /// Default `(2, 2)`.
    public var poolSize: Size2D
    /// Default nil: the pool size, as Keras' `strides=None`.
    public var strides: Size2D?
    /// Default valid.
    public var padding: Padding

    public init(poolSize: Size2D = .square(2), strides: Size2D? = nil, padding: Padding = .valid) {
        self.poolSize = poolSize
        self.strides = strides
        self.padding = padding
    }

    /// The strides in force: the given ones, else the pool size.
    public var effectiveStrides: Size2D { strides ?? poolSize }
}

/// `keras.layers.BatchNormalization(axis=-1, momentum=0.99, epsilon=0.001, center=True, scale=True)`.
///
/// Training: each channel (the last axis) is normalised with its batch mean and biased variance (over the
/// batch and, for an image, every position), `y = gamma * (x - mean) / sqrt(var + epsilon) + beta`, and the
/// moving statistics become `moving = moving * momentum + batch * (1 - momentum)` (Keras 3's
/// `BatchNormalization.call`, with `ops.moments`' biased variance for both). Evaluation and prediction use
/// the moving statistics. gamma starts at 1, beta at 0, the moving mean at 0, the moving variance at 1.
public struct BatchNormalizationSpec: Sendable, Equatable {
    /// Default 0.99, in [0, 1].
    public var momentum: Double
    /// Default 0.001, greater than 0.
    public var epsilon: Double
    /// Whether there is a beta (default true).
    public var center: Bool
    /// Whether there is a gamma (default true).
    public var scale: Bool

    public init(momentum: Double = 0.99, epsilon: Double = 0.001, center: Bool = true, scale: Bool = true) {
        self.momentum = momentum
        self.epsilon = epsilon
        self.center = center
        self.scale = scale
    }
}
