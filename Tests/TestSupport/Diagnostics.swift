/// Compares diagnostic lines exactly and explains the first difference, for `XCTAssertNil`.
///
/// Kept free of XCTest and of the compiler's types so every test target can use it on plain text
/// (a compiler's `CompileFailure.description`, or a process's stderr).
public func diagnosticMismatch(expected: [String], actual: [String]) -> String? {
    if expected == actual { return nil }
    for i in 0..<max(expected.count, actual.count) {
        let e = i < expected.count ? expected[i] : "(nothing)"
        let a = i < actual.count ? actual[i] : "(nothing)"
        if e != a {
            return "diagnostic \(i + 1) differs\n  expected: \(e)\n  actual:   \(a)\nall actual:\n" + actual.joined(separator: "\n")
        }
    }
    return nil
}

/// The lines of a stream's text, without the final newline's empty line.
public func lines(_ text: String) -> [String] {
    var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if parts.last == "" { parts.removeLast() }
    return parts
}
