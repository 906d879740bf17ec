import ModelKinds

/// A loss as Keras 3 computes it: per-sample values averaged over the batch (`sum_over_batch_size`).
///
/// Targets are class indices. Sparse categorical cross-entropy reads them as they are; the other
/// losses compare against the one-hot vector of the index, except on a single output column,
/// where the index itself (0 or 1) is the target, as in Keras' `Dense(1, "sigmoid")` + binary_crossentropy.
/// `fromLogits` applies to the cross-entropies; the mean errors have no logits form and ignore it.
extension Loss {
    /// Keras' `backend.epsilon()`: probabilities are clipped to [epsilon, 1 - epsilon] before a log.
    static let epsilon = 1e-7

    /// Whether a model whose last activation is `activation` should hand this loss its logits
    /// (the pre-activation) instead of its outputs: when it is the loss's `probabilityActivation`.
    ///
    /// Keras 3 does this (`_get_logits` in `keras/src/backend/tensorflow/nn.py`): a softmax output fed to
    /// a categorical cross-entropy, or a sigmoid output fed to binary cross-entropy, carries its logits,
    /// and the loss uses them, whatever `from_logits` says: log-sum-exp is stable where log(softmax) is not.
    public func usesLogits(ofLastActivation activation: Activation) -> Bool {
        kind.probabilityActivation == activation
    }

    /// The mean loss over `rows` samples of `columns` values, and, when `gradient` is given, its
    /// gradient with respect to `values` (already divided by the batch size).
    ///
    /// `values` are logits when `fromLogits`, else the model's outputs. Each row's loss is formed in `T`
    /// and the batch sum in Double, so long batches lose no digits.
    func evaluate<T: KernelScalar>(
        _ values: UnsafePointer<T>, labels: UnsafePointer<Int32>, rows: Int, columns: Int,
        gradient: UnsafeMutablePointer<T>?
    ) -> Double {
        precondition(rows > 0 && columns > 0, "a loss needs at least one sample and one column")
        checkLabels(labels, rows: rows, columns: columns)
        let total: Double
        switch (kind, fromLogits) {
        case (.sparseCategoricalCrossentropy, true), (.categoricalCrossentropy, true):
            total = softmaxCrossEntropyFromLogits(values, labels, rows, columns, gradient)
        case (.sparseCategoricalCrossentropy, false):
            total = sparseCrossEntropyFromProbabilities(values, labels, rows, columns, gradient)
        case (.categoricalCrossentropy, false):
            total = categoricalCrossEntropyFromProbabilities(values, labels, rows, columns, gradient)
        case (.binaryCrossentropy, true):
            total = binaryCrossEntropyFromLogits(values, labels, rows, columns, gradient)
        case (.binaryCrossentropy, false):
            total = binaryCrossEntropyFromProbabilities(values, labels, rows, columns, gradient)
        case (.meanSquaredError, _):
            total = meanSquaredError(values, labels, rows, columns, gradient)
        case (.meanAbsoluteError, _):
            total = meanAbsoluteError(values, labels, rows, columns, gradient)
        }
        return total / Double(rows)
    }

    /// Labels index the output columns (or are 0/1 on a single column); anything else is a caller's
    /// bug that would read out of bounds, so it stops here with the offending value.
    private func checkLabels(_ labels: UnsafePointer<Int32>, rows: Int, columns: Int) {
        let upper = columns == 1 && kind != .sparseCategoricalCrossentropy && kind != .categoricalCrossentropy ? 2 : columns
        for r in 0..<rows {
            let label = Int(labels[r])
            precondition(label >= 0 && label < upper,
                         "label \(label) of sample \(r) is outside 0..<\(upper) for a \(columns)-column output")
        }
    }

    /// The target of column `j` for class `label`: one-hot, or the label itself on a single column.
    @inline(__always)
    static func target<T: KernelScalar>(_ label: Int, _ j: Int, columns: Int) -> T {
        columns == 1 ? T(label) : (j == label ? 1 : 0)
    }
}
