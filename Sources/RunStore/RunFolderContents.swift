import ExperimentCompiler
import Foundation

/// Everything a finished, running or broken run folder holds, read back for `compare`, `diff` and `plot`.
public struct RunFolderContents: Sendable, Equatable {
    /// The run folder, relative to the working directory when it was given that way.
    public var path: URL
    /// The experiment's name (`run.json`'s `name`, else `resolved.json`'s).
    public var name: String
    /// The folder's run id, `<label>-<hash8>` or `<hash8>`.
    public var runID: String
    /// The status to show: what `run.json` records, corrected by `displayedStatus`.
    public var status: RunStatus
    /// `resolved.json`: the compiled experiment.
    public var resolved: JSONValue
    /// Per-epoch values by name (`loss`, `val_accuracy`, ...), one per finished epoch; `nil` where a
    /// value was missing or not finite.
    public var history: [String: [Double?]]
    /// Finished epochs: `metrics.json`'s `epochs`, else the number of history rows.
    public var epochs: Int
    /// `metrics.json`, absent for a crashed run or one still running.
    public var metrics: JSONValue?
    /// `run.json`.
    public var run: JSONValue

    public init(path: URL, name: String, runID: String, status: RunStatus, resolved: JSONValue,
                history: [String: [Double?]], epochs: Int, metrics: JSONValue?, run: JSONValue) {
        self.path = path
        self.name = name
        self.runID = runID
        self.status = status
        self.resolved = resolved
        self.history = history
        self.epochs = epochs
        self.metrics = metrics
        self.run = run
    }

    /// The folder as the user would type it: relative when it was given relative.
    public var displayPath: String { path.relativePath }

    /// The epochs the experiment asked for (`fit.epochs` in `resolved.json`), if it says.
    public var plannedEpochs: Int? {
        if case .int(let n)? = resolved["fit"]?["epochs"] { return n }
        return nil
    }

    /// Only a completed run has test figures that describe the trained model.
    public var isFinished: Bool { status == .completed }

    /// The one place the status shown to users is decided from what `run.json` recorded.
    ///
    /// `run.json` can only say what its writer last knew: a process killed with SIGKILL (or a machine
    /// lost) leaves `running` behind forever, so a `running` run whose lock nobody holds is `crashed`.
    static func displayedStatus(recorded: RunStatus, folder: URL, run: JSONValue) -> RunStatus {
        guard recorded == .running else { return recorded }
        // A live run holds its lock until it ends; the kernel releases it when the process dies, however it dies.
        let hash = folder.lastPathComponent.split(separator: "-").last.map(String.init) ?? ""
        let lock = folder.deletingLastPathComponent().appendingPathComponent(".\(hash).lock").path
        return RunLock.isHeld(at: lock) ? .running : .crashed
    }
}
