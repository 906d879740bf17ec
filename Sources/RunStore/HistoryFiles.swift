import ExperimentCompiler
import Training

/// `history.csv` and `history.json`: the per-epoch logs in Keras' CSVLogger and History shapes.
///
/// Columns and keys are sorted by their UTF-8 bytes, as CSVLogger sorts them (`epoch,accuracy,loss,val_accuracy,
/// val_loss`); `epoch` counts from 0 as CSVLogger's does, so row i is the progress line's `Epoch i+1`.
/// Numbers print in Swift's shortest round-trip form, so equal histories are equal bytes.
public enum HistoryFiles {
    public static let csvName = "history.csv"
    public static let jsonName = "history.json"

    /// The names of every series, in file order.
    public static func columns(_ history: History) -> [String] {
        history.names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The CSV text: a header, then one LF-terminated row per finished epoch; a missing or non-finite value is empty.
    public static func csv(_ history: History) -> String {
        let names = columns(history)
        var text = (["epoch"] + names).joined(separator: ",") + "\n"
        for (i, logs) in history.epochs.enumerated() {
            text += ([String(i)] + names.map { logs[$0].flatMap(number) ?? "" }).joined(separator: ",") + "\n"
        }
        return text
    }

    /// `{"loss": [...], "accuracy": [...], ...}`; a missing or non-finite value is `null`.
    public static func json(_ history: History) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for name in history.names {
            members[name] = .array(history.series(name).map { $0.map(JSONValue.double) ?? .null })
        }
        return .object(members)
    }

    static func number(_ x: Double) -> String? { x.isFinite ? "\(x)" : nil }
}
