import ExperimentCompiler

/// Why a command stopped, and the exit status that says so (DESIGN.md, "Exit status").
public enum RunnerFailure: Error {
    /// The experiment (or an override) has mistakes: every diagnostic, sorted.
    case experiment([Diagnostic])
    /// The command line or its files are unusable: `cannot read 'x.yaml': ...`.
    case usage(String)
    /// A file given or found is unusable and the message already says which: `PATH: error: ...`.
    case located(String)
    /// The run started and failed (diverged, I/O error, ...), or cannot start.
    case runFailed(String)
    /// Stopped by a signal (Ctrl-C's SIGINT, or SIGTERM): status 128 + the signal's number, as shells report it.
    case interrupted(signal: Int32, detail: String)

    public var message: String {
        switch self {
        case .experiment(let diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
        case .usage(let text), .runFailed(let text): return "error: \(text)"
        case .interrupted(_, let detail): return "interrupted: \(detail)"
        case .located(let text): return text
        }
    }
}
