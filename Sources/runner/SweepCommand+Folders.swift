import Foundation

/// Finds a sweep's run folders under `<results>/<name>/` by their `resolved.json`, the bytes the run
/// folder's hash is taken from, so the sweep needs neither the hash nor the label rules to find them.
struct SweepFolders {
    var root: String

    /// The folder holding exactly this resolved experiment, if one exists.
    func folder(name: String, resolvedJSON: String) -> String? {
        let parent = root + "/" + name
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return nil }
        let wanted = Data(resolvedJSON.utf8)
        return entries.sorted().lazy.filter { !$0.hasPrefix(".") && $0 != "latest" }
            .map { parent + "/" + $0 }
            .first { FileManager.default.contents(atPath: $0 + "/resolved.json") == wanted }
    }

    /// The status `run.json` records ("completed", "diverged", ...), or nil.
    static func recordedStatus(_ folder: String) -> String? {
        object(folder + "/run.json")?["status"] as? String
    }

    /// The run's test accuracy from `metrics.json` (or its negated test loss when it has no accuracy):
    /// the number the live view ranks runs by.
    static func score(_ folder: String) -> (name: String, value: Double)? {
        guard let test = object(folder + "/metrics.json")?["test"] as? [String: Any] else { return nil }
        if let accuracy = test["accuracy"] as? Double { return ("test accuracy", accuracy) }
        if let loss = test["loss"] as? Double { return ("test loss", -loss) }
        return nil
    }

    private static func object(_ path: String) -> [String: Any]? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
