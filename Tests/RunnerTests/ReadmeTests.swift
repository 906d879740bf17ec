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
    }

    /// README's first command works as written as root without sudo (a container, CI) and as a user: it has no
    /// bare `sudo` (scripts/setup elevates itself only when it is not root), and CI runs it exactly.
    func testReadmesFirstCommandHasNoBareSudoAndCIRunsItAsWritten() throws {
        let root = RunnerProcess.packageRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        let ci = try String(contentsOf: root.appendingPathComponent(".ci/run"), encoding: .utf8)
        let blocks = readme.components(separatedBy: "```sh\n").dropFirst().map { $0.components(separatedBy: "\n```")[0] }
        let first = try XCTUnwrap(blocks.first, "README.md has no sh block")
        XCTAssertEqual(first, "bash scripts/setup && swift run -c release runner experiments/mnist-dense.yaml")
        XCTAssertFalse(first.split(separator: " ").contains("sudo"), first)
        XCTAssertTrue(ci.split(separator: "\n").contains(Substring(first)), ".ci/run does not run README's first command as written")
        let setup = try String(contentsOf: root.appendingPathComponent("scripts/setup"), encoding: .utf8)
        XCTAssertTrue(setup.contains("if [ \"$(id -u)\" -ne 0 ]; then"), "scripts/setup must elevate itself only when it is not root")
    }

    /// README's commands leave nothing in the checkout but results/, follow a file that is replaced by rename
    /// with `tail -F`, and results/README.md names every file of a run folder.
    func testReadmesCommandsWriteOnlyUnderResultsAndTheLayoutIsComplete() throws {
        let root = RunnerProcess.packageRoot
        let readme = try String(contentsOf: root.appendingPathComponent("README.md"), encoding: .utf8)
        for stray in ["tail -f results", "> bad.yaml", "-o curves.svg", "-o predictions.csv", "--output predictions.csv"] {
            XCTAssertFalse(readme.contains(stray), stray)
        }
        XCTAssertTrue(readme.contains("tail -F results/mnist-dense/"))
        let results = try String(contentsOf: root.appendingPathComponent("results/README.md"), encoding: .utf8)
        for file in ["experiment.yaml", "resolved.json", "history.csv", "history.json", "metrics.json", "run.json",
                     "model.safetensors", "preprocessing.json", "latest"] {
            XCTAssertTrue(results.contains("`\(file)`"), file)
        }
    }
}
