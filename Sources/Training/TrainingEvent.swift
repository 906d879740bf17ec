/// What the training loop reports as it goes; progress output, history files and tests observe these.
public enum TrainingEvent: Sendable {
    /// Before the first epoch: how many epochs, and how many steps (batches) each has.
    case trainingStarted(epochs: Int, stepsPerEpoch: Int)
    /// Epochs count from 1, as the progress lines show them.
    case epochStarted(epoch: Int)
    /// After each step, with the running means of the epoch so far (loss first, then the metrics).
    case batchFinished(epoch: Int, step: Int, logs: Logs, elapsedSeconds: Double)
    /// After the epoch and its validation pass, with the trainer's history so far: this epoch's final logs
    /// (`val_` entries included) last. The trainer owns the history; observers read it and keep no copy of their own.
    case epochFinished(epoch: Int, history: History, seconds: Double)
    /// Early stopping ended training after `epoch` (Keras prints `Epoch 7: early stopping`).
    case earlyStopped(epoch: Int)
    /// After the last epoch: early stopping put back the weights from the end of epoch `epoch`.
    case restoredBestWeights(epoch: Int)
}

/// Named figures in a fixed order: `loss` first, then the metrics in compile order, then `val_` ones.
public struct Logs: Sendable, Equatable {
    public private(set) var entries: [(name: String, value: Double)] = []

    public init() {}

    public init(_ entries: [(String, Double)]) {
        for (name, value) in entries { self[name] = value }
    }

    public subscript(name: String) -> Double? {
        get { entries.first { $0.name == name }?.value }
        set {
            if let i = entries.firstIndex(where: { $0.name == name }) {
                if let newValue { entries[i].value = newValue } else { entries.remove(at: i) }
            } else if let newValue {
                entries.append((name, newValue))
            }
        }
    }

    public var names: [String] { entries.map(\.name) }

    /// The same figures under `val_`-prefixed names, as Keras reports a validation pass.
    public func prefixed(_ prefix: String) -> Logs {
        Logs(entries.map { (prefix + $0.name, $0.value) })
    }

    /// The entries named with `prefix`, under their names without it (the inverse of `prefixed`).
    public func unprefixed(_ prefix: String) -> Logs {
        Logs(entries.filter { $0.name.hasPrefix(prefix) }.map { (String($0.name.dropFirst(prefix.count)), $0.value) })
    }

    public static func == (a: Logs, b: Logs) -> Bool {
        a.entries.elementsEqual(b.entries) { $0.name == $1.name && $0.value.bitPattern == $1.value.bitPattern }
    }
}
