import RunStore
import ExperimentCompiler

/// What `runner diff RUN_A RUN_B` shows: the configuration changes from A to B, then the metrics
/// side by side with B - A, in the spirit of `dvc metrics diff`.
public struct RunDiff: Sendable {
    public var a: RunFolderContents
    public var b: RunFolderContents
    /// Every key path of `resolved.json` whose value differs, in reading order.
    public var configuration: [ConfigurationChange]

    public init(_ a: RunFolderContents, _ b: RunFolderContents) {
        self.a = a
        self.b = b
        let (old, new) = (a.resolved.leavesByKeyPath(), b.resolved.leavesByKeyPath())
        configuration = Set(old.keys).union(new.keys).sorted(by: keyPathPrecedes).compactMap { path in
            old[path] == new[path] ? nil : ConfigurationChange(path: path, old: old[path], new: new[path])
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

    public init(path: String, old: JSONValue?, new: JSONValue?) {
        self.path = path
        self.old = old
        self.new = new
    }

    /// `compile.optimizer.learning_rate: 0.01 -> 0.001`; `(absent)` stands for a missing key path.
    public var description: String {
        "\(path): \(old?.leafText ?? "(absent)") -> \(new?.leafText ?? "(absent)")"
    }
}
