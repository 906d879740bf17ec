/// A weight penalty, Keras 3's `L1L2` (`keras/src/regularizers/regularizers.py`):
/// `penalty = l1 * sum(|w|) + l2 * sum(w^2)`, without a factor 1/2 on the L2 term; `{l2: x}` is Keras' `L2(x)`.
///
/// The engine computes the penalty and its gradient (`Regularizer+Penalty.swift` in NeuralNetwork).
public struct Regularizer: Sendable, Equatable {
    public var l1: Double
    public var l2: Double

    /// The factors accepted: 0 up to 1e29, so the penalty of the largest model allowed (2^31 weights) with weights
    /// of magnitude up to 1, and its gradient `l1 + 2 * l2 * w`, stay finite in the engine's float32
    /// (3.4028235e38 / 2^31 = 1.58e29); a factor near float32's largest value is finite only until it multiplies.
    public static let factorBounds = Bounds(lower: 0, lowerInclusive: true, upper: 1e29, upperInclusive: true)

    /// Both factors default to 0 (no penalty); they must be finite and >= 0 (the compiler reports others).
    public init(l1: Double = 0, l2: Double = 0) {
        precondition(l1 >= 0 && l2 >= 0 && l1.isFinite && l2.isFinite, "regularization factors must be finite and >= 0")
        self.l1 = l1
        self.l2 = l2
    }
}
