import RunStore
import ExperimentCompiler

/// What `runner diff RUN_A RUN_B` shows: the configuration changes from A to B, then the metrics
/// side by side with B - A, in the spirit of `dvc metrics diff`.
public struct RunDiff: Sendable {
    public var a: RunFolderContents
    public var b: RunFolderContents
    /// Every key path of `resolved.json` whose value differs, in reading order.
    public var configuration: [ConfigurationChange]
    /// McNemar's test on the two runs' test predictions; nil when neither run kept any (`PredictionDiff`).
    public var predictions: PredictionDiff?

    public init(_ a: RunFolderContents, _ b: RunFolderContents) {
        self.a = a
        self.b = b
        let (old, new) = (a.resolved.leavesByKeyPath(), b.resolved.leavesByKeyPath())
        let layers = Self.layerChanges(a.resolved, b.resolved)
        configuration = Set(old.keys).union(new.keys).sorted(by: keyPathPrecedes).compactMap { path in
            if layers != nil, ModelSummary.isLayerPath(path) { return nil }
            return old[path] == new[path] ? nil : ConfigurationChange(path: path, old: old[path], new: new[path])
        }
        if let layers {
            let at = configuration.firstIndex { keyPathPrecedes("model.layers", $0.path) } ?? configuration.count
            configuration.insert(contentsOf: layers, at: at)
        }
    }
}

/// One configuration difference: a value changed, or a key path exists in one run only
/// (a layer added, an option set only in one).
public struct ConfigurationChange: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    /// The value in run A; `nil` when A has no such key path.
    public var old: JSONValue?
    /// The value in run B; `nil` when B has no such key path.
    public var new: JSONValue?

    /// A value changed, or a whole layer inserted into B or removed from A (with its compact text).
    public enum Kind: Sendable, Equatable {
        case changed
        case inserted(String)
        case removed(String)
    }

    public var kind: Kind

    public init(path: String, old: JSONValue?, new: JSONValue?, kind: Kind = .changed) {
        self.path = path
        self.old = old
        self.new = new
        self.kind = kind
    }

    /// `compile.optimizer.learning_rate: 0.01 -> 0.001`; `(absent)` stands for a missing key path;
    /// `model.layers[1]: inserted dropout .5` for a whole layer.
    public var description: String {
        switch kind {
        case .changed: return "\(path): \(old?.leafText ?? "(absent)") -> \(new?.leafText ?? "(absent)")"
        case .inserted(let layer): return "\(path): inserted \(layer)"
        case .removed(let layer): return "\(path): removed \(layer)"
        }
    }
}
