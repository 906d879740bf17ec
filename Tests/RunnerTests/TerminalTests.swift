import Foundation
import TestSupport
import XCTest

/// The live bar under a real pseudo-terminal of 80 columns (util-linux `script`), as a person sees it.
final class TerminalTests: XCTestCase {
    /// Runs `runner ARGS` in `folder` on a pseudo-terminal of `columns` columns; returns what the terminal received.
    static func onTerminal(_ arguments: [String], in folder: URL, columns: Int, environment: [String: String] = [:]) throws -> String {
        let runner = try XCTUnwrap(RunnerProcess.executable()?.path)
        let command = "stty cols \(columns) rows 24; exec " + ([runner] + arguments).map { "'\($0)'" }.joined(separator: " ")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        process.arguments = ["-q", "-e", "-c", command, "/dev/null"]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    func testOnEightyColumnsNoFrameOrLineIsWiderThanTheTerminal() throws {
        let tiny = TinyExperiment(epochs: 3)
        let text = try String(contentsOfFile: tiny.folder.path + "/tiny.yaml", encoding: .utf8)
            .replacingOccurrences(of: "metrics: [accuracy]", with: "metrics: [accuracy, top_k_categorical_accuracy]")
        tiny.folder.write("wide.yaml", text.replacingOccurrences(of: "name: tiny", with: "name: wide"))
        // A relative results root, as a user's: the closing `Results: results/wide/<id>` line fits too.
        let screen = try Self.onTerminal(["wide.yaml", "--results", "results"], in: tiny.folder.url, columns: 80)
        let pieces = screen.components(separatedBy: CharacterSet(charactersIn: "\r\n")).filter { !$0.isEmpty }
        XCTAssertTrue(pieces.contains { $0.contains("- ETA:") }, "no live frame was drawn:\n\(screen)")
        XCTAssertTrue(pieces.contains { $0.contains("val_top_k_categorical_accuracy") }, "a value was lost:\n\(screen)")
        for piece in pieces { XCTAssertLessThan(piece.count, 80, piece) }
        // The closing summary keeps every part, on lines that fit.
        XCTAssertTrue(pieces.contains { $0.hasPrefix("Test: loss: ") && $0.contains("top_k_categorical_accuracy: ") }, screen)
        XCTAssertTrue(pieces.contains { $0.contains("gap: ") && $0.hasSuffix(" points") }, screen)
    }

    func testCtrlCsMessageStartsALineOfItsOwn() throws {
        let tiny = TinyExperiment(epochs: 3)
        let screen = try Self.onTerminal([tiny.file, "--results", tiny.folder.path + "/results"], in: tiny.folder.url, columns: 80,
                                         environment: ["RUNNER_TEST_SIGNAL": "INT@2"])
        let lines = screen.components(separatedBy: "\r\n")
        XCTAssertTrue(lines.contains { $0.hasPrefix("interrupted: 1 finished epoch kept in ") }, screen)
    }
}
