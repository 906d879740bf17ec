/// The losses, by their Keras 3 names (`keras.losses`, `keras/src/losses/losses.py`).
public enum LossKind: String, Sendable, Equatable, CaseIterable {
    case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
    case categoricalCrossentropy = "categorical_crossentropy"
    case binaryCrossentropy = "binary_crossentropy"
    case meanSquaredError = "mean_squared_error"
    case meanAbsoluteError = "mean_absolute_error"

    /// The activation whose outputs the loss reads as probabilities unless `from_logits` (softmax for the
    /// categorical cross-entropies, sigmoid for the binary one); nil for the mean errors, which take no
    /// `from_logits`.
    ///
    /// Keras 3 hands such a loss the logits of a last layer with this activation, whatever `from_logits`
    /// says (`_get_logits` in `keras/src/backend/tensorflow/nn.py`).
    public var probabilityActivation: Activation? {
        switch self {
        case .sparseCategoricalCrossentropy, .categoricalCrossentropy: return .softmax
        case .binaryCrossentropy: return .sigmoid
        case .meanSquaredError, .meanAbsoluteError: return nil
        }
    }

    /// Whether the last layer must have one unit per class (the categorical cross-entropies); binary
    /// cross-entropy and the mean errors also take a single output column.
    public var needsOneUnitPerClass: Bool {
        self == .sparseCategoricalCrossentropy || self == .categoricalCrossentropy
    }
}

/// A loss as `model.compile(loss=...)` takes it: the kind, and `from_logits` (Keras' default false), which
/// only the cross-entropies read.
///
/// The engine evaluates it (`Loss+Evaluation.swift` in NeuralNetwork).
public struct Loss: Sendable, Equatable {
    public var kind: LossKind
    public var fromLogits: Bool

    public init(_ kind: LossKind, fromLogits: Bool = false) {
        self.kind = kind
        self.fromLogits = fromLogits
    }
}
