import ExperimentCompiler

/// Counts of (true class, predicted class) over a test set: rows are true classes, columns predicted
/// ones, as scikit-learn's `confusion_matrix(y_true, y_pred)` and `tf.math.confusion_matrix` lay it out.
///
/// The prediction is the argmax of a sample's outputs, ties going to the lowest class (NumPy's `argmax`),
/// the same rule as the `accuracy` metric, so the diagonal's sum over the total is the test accuracy.
public struct ConfusionMatrix: Sendable, Equatable {
    public private(set) var counts: [[Int]]

    public var classes: Int { counts.count }

    public init(classes: Int) {
        counts = Array(repeating: Array(repeating: 0, count: classes), count: classes)
    }

    /// The matrix of `outputs` (rows of `width` values, one per sample) against `labels`; labels at or
    /// beyond `width` widen the matrix rather than being dropped.
    public init(outputs: [Float], width: Int, labels: [Int]) {
        precondition(outputs.count == width * labels.count, "\(labels.count) labels for \(outputs.count / max(width, 1)) outputs")
        self.init(classes: max(width, (labels.max() ?? -1) + 1))
        for (row, label) in labels.enumerated() {
            add(label: label, predicted: Self.argmax(outputs[(row * width)..<((row + 1) * width)]))
        }
    }

    public mutating func add(label: Int, predicted: Int, count: Int = 1) {
        counts[label][predicted] += count
    }

    /// Every example counted, and those on the diagonal (predicted right).
    public var total: Int { counts.joined().reduce(0, +) }
    public var correct: Int { (0..<classes).reduce(0) { $0 + counts[$1][$1] } }

    /// The sum of `matrices` (a seed group's runs on the same test set), as wide as the widest.
    public init(summing matrices: [ConfusionMatrix]) {
        self.init(classes: matrices.map(\.classes).max() ?? 0)
        for matrix in matrices {
            for (i, row) in matrix.counts.enumerated() {
                for (j, count) in row.enumerated() { counts[i][j] += count }
            }
        }
    }

    /// The first index of the largest value, exactly as the `accuracy` metric picks it (`Metric.correct`).
    public static func argmax(_ row: ArraySlice<Float>) -> Int {
        var best = row.startIndex
        for i in row.indices where row[i] > row[best] { best = i }
        return best - row.startIndex
    }

    /// Per class, the share of its samples predicted as it (`counts[c][c] / row sum`, the class's recall,
    /// which Keras calls per-class accuracy); nil for a class with no test sample.
    public var perClassAccuracy: [Double?] {
        counts.enumerated().map { c, row in
            let total = row.reduce(0, +)
            return total == 0 ? nil : Double(row[c]) / Double(total)
        }
    }

    /// The correct predictions over all of them.
    public var accuracy: Double {
        Double(correct) / Double(max(total, 1))
    }

    /// `metrics.json`'s two members: `confusion_matrix` and `per_class_accuracy` (null for an absent class).
    public var jsonMembers: [String: JSONValue] {
        [
            "confusion_matrix": .array(counts.map { .array($0.map(JSONValue.int)) }),
            "per_class_accuracy": .array(perClassAccuracy.map { $0.map(JSONValue.double) ?? .null }),
        ]
    }
}
