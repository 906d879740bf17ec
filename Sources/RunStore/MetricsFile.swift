import ExperimentCompiler
import Training

/// `metrics.json`: the figures a run is judged by, the same bytes for the same experiment on a machine.
///
/// `train` is the figures of the epoch whose weights the model ends with: the last finished epoch (what Keras'
/// progress line and History show), or the one early stopping restored (`restored_epoch`); `test` the
/// evaluation after training (null when the run did not finish), `gap` is train minus test for every name
/// in both (the overfitting), and `best_epoch` is the epoch with the lowest `val_loss` (counted from 1,
/// as the progress lines count; the first such epoch on a tie), as Keras' EarlyStopping monitors by default.
/// A completed classification run adds the test set's `confusion_matrix` and `per_class_accuracy` (see `ConfusionMatrix`).
public enum MetricsFile {
    public static let name = "metrics.json"
    public static let bestEpochMonitor = "val_loss"

    /// `confusion`, for a completed classification run, adds `confusion_matrix` and `per_class_accuracy`.
    public static func json(history: History, test: Logs?, confusion: ConfusionMatrix? = nil) -> JSONValue {
        let train = history.final.map { $0.entries.filter { !$0.name.hasPrefix("val_") && $0.name != "learning_rate" } }
        var gap: [String: JSONValue] = [:]
        if let train, let test {
            for (name, value) in train {
                if let other = test[name] { gap[name] = .double(value - other) }
            }
        }
        var members: [String: JSONValue] = [
            "best_epoch": bestEpoch(history).map { epoch, value in
                .object(["epoch": .int(epoch), "monitor": .string(bestEpochMonitor), "value": .double(value)])
            } ?? .null,
            "epochs": .int(history.epochs.count),
            "gap": .object(gap),
            "test": test.map(object) ?? .null,
            "train": train.map { object(Logs($0.map { ($0.name, $0.value) })) } ?? .null,
        ]
        if let epoch = history.stoppedEpoch { members["stopped_epoch"] = .int(epoch) }
        if let epoch = history.restoredEpoch { members["restored_epoch"] = .int(epoch) }
        if let confusion, test != nil { members.merge(confusion.jsonMembers) { $1 } }
        return .object(members)
    }

    /// The 1-based epoch with the lowest finite `val_loss`, and that value.
    public static func bestEpoch(_ history: History) -> (epoch: Int, value: Double)? {
        var best: (epoch: Int, value: Double)?
        for (i, value) in history.series(bestEpochMonitor).enumerated() {
            guard let value, value.isFinite else { continue }
            if best == nil || value < best!.value { best = (i + 1, value) }
        }
        return best
    }

    static func object(_ logs: Logs) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: logs.entries.map { ($0.name, JSONValue.double($0.value)) }))
    }
}
