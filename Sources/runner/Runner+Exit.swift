import ArgumentParser
import RunLifecycle
import RunStore
import Foundation

extension RunnerFailure {
    /// The exit status that says why (DESIGN.md, "Exit status"): the one policy the command line owns.
    var exitStatus: Int32 {
        switch self {
        case .experiment, .usage, .located: return 2
        case .runFailed: return 1
        case .interrupted(let signal, _): return 128 + signal
        }
    }
}

extension RunnerFailure {
    /// An output path the runner will not write over is the user's to change (2); a write that failed, a failed run (1).
    init(_ error: OutputFileError) {
        switch error {
        case .refused: self = .usage(error.description)
        case .failed(let failure): self = .runFailed(failure.description)
        }
    }
}

extension Runner {
    /// Parses and runs; help goes to stdout with status 0, every mistake to stderr only.
    static func exitStatus(arguments: [String], raw: [[UInt8]] = []) -> Int32 {
        if let refusal = nonUTF8Refusal(raw) {
            writeError(refusal)
            return 2
        }
        if let hint = unknownCommandHint(arguments) {
            writeError(hint)
            return 2
        }
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
            writeError(overrideHint(message) ?? message)
            // Argument parsing errors are usage errors: 2, not ArgumentParser's EX_USAGE (64).
            return code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue
        }
    }

    static func writeError(_ text: String) { StandardError.write(text) }
}
