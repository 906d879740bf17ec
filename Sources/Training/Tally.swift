import ExperimentCompiler

/// Running sums of an epoch: the loss weighted by batch size (as Keras' loss tracker) and each metric's count.
struct Tally {
    let metrics: [Metric]
    private var lossSum = 0.0
    private var correct: [Int]
    private var seen = 0

    init(metrics: [Metric]) {
        self.metrics = metrics
        correct = Array(repeating: 0, count: metrics.count)
    }

    mutating func add(loss: Double, outputs: UnsafeBufferPointer<Float>, width: Int, labels: UnsafePointer<Int32>, rows: Int) {
        lossSum += loss * Double(rows)
        seen += rows
        for (i, metric) in metrics.enumerated() {
            correct[i] += metric.correct(outputs: outputs.baseAddress!, width: width, labels: labels, rows: rows)
        }
    }

    var logs: Logs {
        var logs = Logs()
        write(into: &logs)
        return logs
    }

    /// Sets `loss` and each metric's running mean in `logs`, adding the names the first time.
    func write(into logs: inout Logs) {
        let n = Double(max(seen, 1))
        logs["loss"] = lossSum / n
        for (i, metric) in metrics.enumerated() { logs[metric.name] = Double(correct[i]) / n }
    }
}
