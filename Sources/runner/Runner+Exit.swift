import ArgumentParser
import ExperimentCompiler
import Foundation

/// Why a command stopped, and the exit status that says so (DESIGN.md, "Exit status").
enum RunnerFailure: Error {
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

    var exitStatus: Int32 {
        switch self {
        case .experiment, .usage, .located: return 2
        case .runFailed: return 1
        case .interrupted(let signal, _): return 128 + signal
        }
    }

    var message: String {
        switch self {
        case .experiment(let diagnostics): return diagnostics.map(\.description).joined(separator: "\n")
        case .usage(let text), .runFailed(let text): return "error: \(text)"
        case .interrupted(_, let detail): return "interrupted: \(detail)"
        case .located(let text): return text
        }
    }
}

extension Runner {
    /// Parses and runs; help goes to stdout with status 0, every mistake to stderr only.
    static func exitStatus(arguments: [String]) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let failure as RunnerFailure {
            writeError(failure.message)
            return failure.exitStatus
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { print(message) }
                return 0
            }
            writeError(message)
            // Argument parsing errors are usage errors: 2, not ArgumentParser's EX_USAGE (64).
            return code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue
        }
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
