import ExperimentCompiler
import Foundation
import RunStore

/// Finds a sweep's run folders under `<results>/<name>/` the way a single run finds its own (Results'
/// `RunFolder`: by the hash of `resolved.json`, whatever label the folder got).
struct SweepFolders {
    var root: String

    /// The folder holding exactly this resolved experiment, if one exists.
    func folder(name: String, resolvedJSON: String) -> String? {
        place(name, resolvedJSON).existingFolder()
    }

    /// The folder of a completed run of exactly this resolved experiment on the same data (`DataDigest`).
    func completedFolder(name: String, resolvedJSON: String, experiment: Experiment) -> String? {
        place(name, resolvedJSON).completedFolder(resolvedJSON: resolvedJSON, dataDigest: DataDigest.of(experiment))
    }

    private func place(_ name: String, _ resolvedJSON: String) -> RunFolder {
        RunFolder(root: root, name: name, id: RunID(resolvedJSON: resolvedJSON, overrides: []))
    }

    /// The run's test accuracy (or its negated test loss when it has no accuracy): what the live view ranks by.
    static func score(_ folder: String) -> (name: String, value: Double)? {
        guard let run = try? RunFolderContents.load(URL(fileURLWithPath: folder)) else { return nil }
        if let accuracy = run.testAccuracy { return ("test accuracy", accuracy) }
        return run.testLoss.map { ("test loss", -$0) }
    }
}
