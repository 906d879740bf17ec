import Foundation

/// Why run folders could not be read; each description says where, what is wrong and what to do,
/// as `PATH: error: WHAT; WHAT TO DO`.
public enum ResultsReadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The path given does not exist.
    case missing(path: String)
    /// A file or folder that is not a run folder was given as one.
    case notARunFolder(path: String)
    /// A folder was searched and holds no run folder at any depth.
    case noRunFolders(path: String)
    /// A JSON file is not valid JSON (truncated, edited by hand, ...).
    case corruptJSON(path: String, reason: String)
    /// A JSON file is valid JSON but not what the run folder format says it holds.
    case unexpectedJSON(path: String, reason: String)
    /// `history.csv` does not have the CSVLogger shape; `line` counts from 1, the header being line 1.
    case corruptHistoryCSV(path: String, line: Int, reason: String)
    /// `test-predictions.csv` is not `label,predicted` rows; `line` counts from 1, the header being line 1.
    case corruptPredictions(path: String, line: Int, reason: String)
    /// A file exists but cannot be read (permissions, a folder where a file should be, ...).
    case unreadable(path: String, reason: String)

    /// The files a run folder holds, for messages that must say what one looks like.
    static let runFolderFiles = "experiment.yaml, resolved.json, history.csv, history.json, metrics.json and run.json"

    private static let rerun = "run the experiment again with --force to rewrite the run folder"

    public var path: String {
        switch self {
        case .missing(let path), .notARunFolder(let path), .noRunFolders(let path),
             .corruptJSON(let path, _), .unexpectedJSON(let path, _),
             .corruptHistoryCSV(let path, _, _), .corruptPredictions(let path, _, _), .unreadable(let path, _):
            return path
        }
    }

    /// The description as a warning (`PATH: warning: ...`) followed by `consequence`, for commands that go on
    /// without the folder (`compare`, `report`).
    public func warning(_ consequence: String) -> String {
        let text = description
        return (text.range(of: ": error: ").map { text.replacingCharacters(in: $0, with: ": warning: ") } ?? text) + " " + consequence
    }

    public var description: String {
        switch self {
        case .missing(let path):
            return "\(path): error: no such file or folder; give a run folder (results/NAME/RUN_ID) or a folder holding run folders"
        case .notARunFolder(let path):
            return "\(path): error: not a run folder (it has no resolved.json and run.json); "
                + "a run folder results/NAME/RUN_ID holds \(Self.runFolderFiles)"
        case .noRunFolders(let path):
            return "\(path): error: no run folders found under this folder; "
                + "run an experiment first (runner EXP.yaml), or give the --results folder it wrote to"
        case .corruptJSON(let path, let reason):
            return "\(path): error: not valid JSON (\(reason)); the file is damaged: \(Self.rerun)"
        case .unexpectedJSON(let path, let reason):
            return "\(path): error: \(reason); the file is damaged: \(Self.rerun)"
        case .corruptHistoryCSV(let path, let line, let reason):
            return "\(path): error: line \(line): \(reason); the history is damaged: \(Self.rerun)"
        case .corruptPredictions(let path, let line, let reason):
            return "\(path): error: line \(line): \(reason); the test predictions are damaged: \(Self.rerun)"
        case .unreadable(let path, let reason):
            return "\(path): error: cannot read the file (\(reason)); check its permissions"
        }
    }
}
