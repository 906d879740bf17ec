import Foundation

/// Messages for people on stderr, unbuffered so they never come out behind stdout's lines.
public enum StandardError {
    /// Writes `text`, ending it with a newline if it has none.
    public static func write(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
