import ArgumentParser
import ExperimentCompiler
import Foundation

/// The near misses a new user makes, answered with what they meant: one line on stderr, status 2.
extension Runner {
    /// The subcommands' names, for `runner chek ...`.
    static var commandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName }
    }

    /// `runner chek EXP.yaml`: a first word that is no command and no file, but close to a command's name.
    static func unknownCommandHint(_ arguments: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !commandNames.contains(first),
              !FileManager.default.fileExists(atPath: first),
              let close = Suggestion.closest(to: first, among: commandNames) else { return nil }
        return "error: unknown command '\(first)'; did you mean '\(close)'?"
    }

    /// `runner EXP.yaml fit.epochs=2` (Hydra's style): every unexpected `PATH=VALUE` gets its `--set`.
    /// `message` is ArgumentParser's, whose first line names the unexpected arguments.
    static func overrideHint(_ message: String) -> String? {
        guard let line = message.split(separator: "\n").first.map(String.init) else { return nil }
        let values: [String]
        if line.hasPrefix("Error: Unexpected argument '") {
            values = [String(line.dropFirst("Error: Unexpected argument '".count).dropLast())]
        } else if line.hasPrefix("Error: "), let range = line.range(of: " unexpected arguments: '") {
            values = line[range.upperBound...].dropLast().components(separatedBy: "', '")
        } else {
            return nil
        }
        let hints = values.filter(looksLikeOverride).map { "error: unexpected argument '\($0)'; did you mean --set \($0)?" }
        return hints.isEmpty ? nil : hints.joined(separator: "\n")
    }

    /// `PATH=VALUE` with PATH keys separated by '.' and `[N]` list items, as `--set` takes it.
    static func looksLikeOverride(_ argument: String) -> Bool {
        guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex else { return false }
        let path = argument[..<equals]
        guard let first = path.first, first.isLetter || first == "_" else { return false }
        return path.allSatisfy { $0.isLetter || $0.isNumber || "_.[]-".contains($0) }
    }
}
