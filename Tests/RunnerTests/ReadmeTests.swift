import Foundation
import TestSupport
import XCTest

/// CI must run README's test command exactly; this keeps the two from drifting apart.
final class ReadmeTests: XCTestCase {
    func testCIRunsReadmesTestCommand() throws {
        let root = RunnerProcess.packageRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let ci = try String(contentsOf: root.appendingPathComponent(".ci/run"), encoding: .utf8)
        let testCommand = readme.split(separator: "\n").first { $0.hasPrefix("swift test") }
        XCTAssertNotNil(testCommand, "README.md names no test command")
        let ciLines = ci.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.isEmpty }
        XCTAssertEqual(ciLines.last, testCommand)
        XCTAssertTrue(ciLines.contains("bash scripts/setup"), "CI installs what README's set-up installs")
        XCTAssertTrue(readme.contains("sudo bash scripts/setup && swift run -c release runner experiments/mnist-dense.yaml"))
    }
}
