import Foundation

/// Command lines as a POSIX shell reads them, for `--dry-run` output and Slurm scripts.
public enum ShellWords {
    /// `word` unchanged when a shell would take it literally, else in single quotes (a quote inside
    /// becomes `'\''`). Brackets are quoted too: `model.layers[0].dense=128` is a glob pattern to sh.
    public static func quoted(_ word: String) -> String {
        if !word.isEmpty, word.unicodeScalars.allSatisfy(isLiteral) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The words joined by spaces, each quoted as needed.
    public static func line(_ words: [String]) -> String {
        words.map(quoted).joined(separator: " ")
    }

    private static func isLiteral(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "a"..."z", "A"..."Z", "0"..."9", "_", "-", ".", "/", "=", ",", ":", "+", "@", "%": return true
        default: return false
        }
    }
}
