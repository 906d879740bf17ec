import Foundation
import XCTest
import TestSupport

/// Answers from `Reference/scipy_reference.py`, run once over every query in `Cases.allQueries` (importing
/// SciPy takes seconds on a loaded machine) and cached; a query not in that list gets its own run.
enum SciPy {
    nonisolated(unsafe) static var cache: [String: [Double]] = [:]
    nonisolated(unsafe) static var failure: String?
    nonisolated(unsafe) static var loaded = false

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Reference/scipy_reference.py").path

    /// SciPy's answer to `query` (`kind arg ...`), or nil after recording a test failure that says why:
    /// CI installs SciPy, so its absence fails rather than skips.
    static func answer(_ query: String, file: StaticString = #filePath, line: UInt = #line) -> [Double]? {
        if !loaded { loaded = true; run(Cases.allQueries) }
        if cache[query] == nil && failure == nil { run([query]) }
        if let failure { XCTFail(failure, file: file, line: line); return nil }
        guard let values = cache[query] else { XCTFail("no SciPy answer for \(query)", file: file, line: line); return nil }
        return values
    }

    static func run(_ queries: [String]) {
        do {
            let check = try Shell.run(["python3", "-c", "import scipy, numpy"])
            guard check.status == 0 else {
                failure = "StatisticsTests compare with SciPy, and `python3 -c 'import scipy, numpy'` failed (status \(check.status): "
                    + "\(check.error.trimmingCharacters(in: .whitespacesAndNewlines))). Install it: apt-get install python3-scipy "
                    + "(scripts/setup does)."
                return
            }
            let scratch = TemporaryDirectory("runner-scipy")
            let input = scratch.write("queries.txt", queries.joined(separator: "\n") + "\n")
            let result = try Shell.run(["python3", script, input])
            guard result.status == 0 else { failure = "\(script) failed (status \(result.status)):\n\(result.error)"; return }
            let lines = result.output.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            for (query, line) in zip(queries, lines) {
                let values = line.split(separator: " ").map { Double(String($0)) }
                guard values.allSatisfy({ $0 != nil }), !values.isEmpty else { failure = "unreadable SciPy line \(line) for \(query)"; return }
                cache[query] = values.map { $0! }
            }
        } catch {
            failure = "could not run python3 for the SciPy reference: \(error). Install it: apt-get install python3-scipy"
        }
    }
}

/// |actual - expected| <= rel·|expected| + abs, with both values in the message (and `context`, e.g. the seed).
func assertClose(_ actual: Double, _ expected: Double, rel: Double, abs absolute: Double = 0, _ context: @autoclosure () -> String,
                 file: StaticString = #filePath, line: UInt = #line) {
    if actual == expected { return }  // also equal infinities
    let error = abs(actual - expected)
    XCTAssertTrue(error <= rel * abs(expected) + absolute,
                  "\(context()): got \(actual), SciPy \(expected), error \(error) (relative \(error / abs(expected)))",
                  file: file, line: line)
}
