import ExperimentCompiler

/// Counting a metric over a batch's outputs (probabilities) and class labels.
///
/// Keras resolves `accuracy` by the shapes of targets and outputs; with class labels and more than one
/// output it is categorical accuracy: argmax of the output equals the label (ties go to the lowest class,
/// as `argmax` does). `top_k_categorical_accuracy` follows TF's `in_top_k`: the label counts as within the
/// top k when fewer than k outputs are strictly greater than the label's, so ties at the boundary count.
extension Metric {
    /// The number of samples (of `rows`) the metric counts as right.
    public func correct(outputs: UnsafePointer<Float>, width: Int, labels: UnsafePointer<Int32>, rows: Int) -> Int {
        var total = 0
        switch self {
        case .accuracy:
            for r in 0..<rows {
                let row = outputs + r * width
                var best = 0
                var bestValue = row[0]
                for c in 1..<width where row[c] > bestValue {
                    best = c
                    bestValue = row[c]
                }
                if best == Int(labels[r]) { total += 1 }
            }
        case .topKCategoricalAccuracy(let k):
            for r in 0..<rows {
                let row = outputs + r * width
                let target = row[Int(labels[r])]
                guard !target.isNaN else { continue }
                var greater = 0
                for c in 0..<width where row[c] > target { greater += 1 }
                if greater < k { total += 1 }
            }
        }
        return total
    }
}
