import ExperimentCompiler
import Foundation

extension RunFolderContents {
    /// Reads the run folder `folder`: `resolved.json` and `run.json` must be there, the history and
    /// `metrics.json` may be missing (a run that has just started, or crashed).
    ///
    /// `history.json` is preferred for values; `history.csv` is read when it is the only one. When both
    /// exist the CSV is still checked, since it is the file the shell and pandas read.
    public static func load(_ folder: URL) throws(ResultsReadError) -> RunFolderContents {
        let shown = folder.relativePath
        guard let kind = FileKind(folder) else { throw .missing(path: shown) }
        guard kind == .folder, isRunFolder(folder) else { throw .notARunFolder(path: shown) }

        let resolvedFile = folder.appendingPathComponent("resolved.json")
        let resolved = try readJSON(resolvedFile)
        guard case .object = resolved else {
            throw .unexpectedJSON(path: resolvedFile.relativePath, reason: "expected an object, the compiled experiment")
        }
        let runFile = folder.appendingPathComponent("run.json")
        let run = try readJSON(runFile)
        guard case .object = run else {
            throw .unexpectedJSON(path: runFile.relativePath, reason: "expected an object")
        }
        let recorded = try recordedStatus(run, file: runFile)

        let metricsFile = folder.appendingPathComponent("metrics.json")
        let metrics = FileKind(metricsFile) == nil ? nil : try readJSON(metricsFile)
        if let metrics, case .object = metrics {} else if metrics != nil {
            throw .unexpectedJSON(path: metricsFile.relativePath, reason: "expected an object")
        }

        let history = try loadHistory(folder)
        let epochs: Int
        if case .int(let n)? = metrics?["epochs"] {
            epochs = n
        } else {
            epochs = history.values.map(\.count).max() ?? 0
        }
        return RunFolderContents(
            path: folder,
            name: run["name"]?.string ?? resolved["name"]?.string ?? folder.deletingLastPathComponent().lastPathComponent,
            runID: run["run_id"]?.string ?? folder.lastPathComponent,
            status: displayedStatus(recorded: recorded, folder: folder, run: run),
            resolved: resolved, history: history, epochs: epochs, metrics: metrics, run: run)
    }

    /// A run folder is a folder holding both `resolved.json` and `run.json` (results-format.md).
    static func isRunFolder(_ folder: URL) -> Bool {
        FileKind(folder.appendingPathComponent("resolved.json")) == .file
            && FileKind(folder.appendingPathComponent("run.json")) == .file
    }

    static func recordedStatus(_ run: JSONValue, file: URL) throws(ResultsReadError) -> RunStatus {
        let known = RunStatus.allCases.map(\.rawValue).joined(separator: ", ")
        guard let text = run["status"]?.string else {
            throw .unexpectedJSON(path: file.relativePath, reason: "'status' is missing; it must be one of \(known)")
        }
        guard let status = RunStatus(rawValue: text) else {
            throw .unexpectedJSON(path: file.relativePath, reason: "'status' is '\(text)', not one of \(known)")
        }
        return status
    }

    static func readJSON(_ file: URL) throws(ResultsReadError) -> JSONValue {
        let bytes = try readBytes(file)
        do {
            return try JSONValue(parsing: bytes)
        } catch {
            throw .corruptJSON(path: file.relativePath, reason: error.description)
        }
    }

    static func readBytes(_ file: URL) throws(ResultsReadError) -> Data {
        do {
            return try Data(contentsOf: file)
        } catch {
            let reason = FileKind(file) == .folder ? "it is a folder"
                : FileManager.default.isReadableFile(atPath: file.path) ? error.localizedDescription : "permission denied"
            throw .unreadable(path: file.relativePath, reason: reason)
        }
    }
}

/// What a path names on disk, following symbolic links.
enum FileKind: Equatable {
    case file, folder

    init?(_ url: URL) {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else { return nil }
        self = isFolder.boolValue ? .folder : .file
    }
}
