import Foundation

/// The test set's true and predicted class of every example, in test-set order: what McNemar's test needs to
/// compare two runs example by example (`runner diff`), kept by every completed classification run.
///
/// The file, `test-predictions.csv`, is the header `label,predicted` then one line per test example, each a
/// class index, LF line ends: about 4 bytes an example (40 KB for MNIST's 10,000), a pure function of the
/// final weights. The prediction is the argmax of the outputs, ties to the lowest class (`ConfusionMatrix.argmax`).
public struct TestPredictions: Sendable, Equatable {
    public static let fileName = "test-predictions.csv"
    static let header = "label,predicted"

    /// The true class of each test example.
    public var labels: [Int]
    /// The predicted class of each test example.
    public var predicted: [Int]

    public init(labels: [Int], predicted: [Int]) {
        precondition(labels.count == predicted.count, "\(labels.count) labels for \(predicted.count) predictions")
        self.labels = labels
        self.predicted = predicted
    }

    /// The predictions of `outputs` (rows of `width` values, one per example) for examples labelled `labels`.
    public init(outputs: [Float], width: Int, labels: [Int]) {
        precondition(outputs.count == width * labels.count, "\(labels.count) labels for \(outputs.count / max(width, 1)) outputs")
        self.init(labels: labels, predicted: labels.indices.map { row in
            ConfusionMatrix.argmax(outputs[(row * width)..<((row + 1) * width)])
        })
    }

    /// Whether each example was predicted right.
    public var correct: [Bool] { zip(labels, predicted).map { $0 == $1 } }

    /// The file's text.
    public var csv: String {
        var text = Self.header + "\n"
        text.reserveCapacity(labels.count * 5 + 16)
        for (label, prediction) in zip(labels, predicted) { text += "\(label),\(prediction)\n" }
        return text
    }

    /// Reads the file's text; `path` names it in the error.
    public init(csv text: String, path: String) throws(ResultsReadError) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        guard lines.first == Substring(Self.header) else {
            throw .corruptPredictions(path: path, line: 1, reason: "the header must be '\(Self.header)'")
        }
        var labels: [Int] = [], predicted: [Int] = []
        labels.reserveCapacity(lines.count)
        predicted.reserveCapacity(lines.count)
        for (index, line) in lines.enumerated().dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count == 2, let label = Int(fields[0]), let prediction = Int(fields[1]), label >= 0, prediction >= 0 else {
                throw .corruptPredictions(path: path, line: index + 1, reason: "expected two class indices 'label,predicted'")
            }
            labels.append(label)
            predicted.append(prediction)
        }
        self.init(labels: labels, predicted: predicted)
    }
}

extension ConfusionMatrix {
    /// The matrix of `predictions`, at least `width` classes wide (labels beyond it widen the matrix).
    public init(_ predictions: TestPredictions, width: Int) {
        self.init(classes: max(width, (predictions.labels.max() ?? -1) + 1, (predictions.predicted.max() ?? -1) + 1))
        for (label, predicted) in zip(predictions.labels, predictions.predicted) { add(label: label, predicted: predicted) }
    }
}

extension RunFolderContents {
    /// The run's `test-predictions.csv`, nil when it has none (not completed, not a classification, or written
    /// before runs kept one).
    public func testPredictions() throws(ResultsReadError) -> TestPredictions? {
        let file = path.appendingPathComponent(TestPredictions.fileName)
        guard FileKind(file) != nil else { return nil }
        let bytes = try Self.readBytes(file)
        return try TestPredictions(csv: String(decoding: bytes, as: UTF8.self), path: file.relativePath)
    }

    /// `metrics.json`'s confusion matrix (rows true classes, columns predicted), only for a completed run that
    /// recorded one; nil when it is missing or not a square matrix of counts.
    public var confusionMatrix: ConfusionMatrix? {
        guard isFinished, case .array(let rows)? = metrics?["confusion_matrix"], !rows.isEmpty else { return nil }
        var matrix = ConfusionMatrix(classes: rows.count)
        for (i, row) in rows.enumerated() {
            guard case .array(let cells) = row, cells.count == rows.count else { return nil }
            for (j, cell) in cells.enumerated() {
                guard case .int(let count) = cell, count >= 0 else { return nil }
                matrix.add(label: i, predicted: j, count: count)
            }
        }
        return matrix
    }

    /// Correct and total test examples from `metrics.json`'s confusion matrix (the diagonal and the sum), for the
    /// binomial interval of one run's test accuracy; nil for a run without one.
    public var testCounts: (correct: Int, total: Int)? {
        guard let matrix = confusionMatrix else { return nil }
        let total = matrix.total
        return total > 0 ? (matrix.correct, total) : nil
    }

    /// The experiment's seed (`resolved.json`'s `seed`).
    public var seed: UInt64? {
        switch resolved["seed"] {
        case .int(let n)? where n >= 0: return UInt64(n)
        case .uint(let n)?: return n
        default: return nil
        }
    }
}
