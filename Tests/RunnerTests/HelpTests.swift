import Foundation
import TestSupport
import XCTest

/// Every `--help` on an 80-column terminal: no line longer, no example broken mid-command, no ragged paragraph.
final class HelpTests: XCTestCase {
    static let commands: [[String]] = [[], ["run"], ["check"], ["sweep"], ["compare"], ["diff"], ["plot"], ["report"], ["verify"],
                                       ["evaluate"], ["predict"], ["data"], ["data", "show"], ["data", "info"], ["bench"]]

    func testEveryHelpFitsEightyColumnsAndKeepsExamplesWhole() throws {
        for command in Self.commands {
            let r = try RunnerProcess.run(command + ["--help"], environment: ["COLUMNS": "80"])
            XCTAssertEqual(r.status, 0, "\(command): \(r.stderr)")
            let lines = r.stdout.components(separatedBy: "\n")
            var inExamples = false
            for (i, line) in lines.enumerated() {
                XCTAssertLessThanOrEqual(line.count, 80, "runner \(command.joined(separator: " ")) --help: \(line)")
                if line.hasPrefix("Example") { inExamples = true; continue }
                if line.isEmpty { inExamples = false; continue }
                if inExamples {
                    XCTAssertTrue(line.hasPrefix("  "), "runner \(command.joined(separator: " ")) --help: an example broke mid-command: \(line)")
                }
                // Prose before USAGE is wrapped by the parser (to 79 columns), not by hand: a line inside a paragraph
                // that the next word would have fitted on is a ragged break.
                let next = i + 1 < lines.count ? lines[i + 1] : ""
                if !inExamples, !line.hasPrefix(" "), !next.isEmpty, !next.hasPrefix(" "), !line.hasSuffix(":"),
                   !lines[..<i].contains(where: { $0.hasPrefix("USAGE:") }) {
                    XCTAssertGreaterThanOrEqual(line.count + (next.split(separator: " ").first?.count ?? 0) + 1, 80,
                                         "runner \(command.joined(separator: " ")) --help: ragged break after: \(line)")
                }
            }
        }
    }
}
