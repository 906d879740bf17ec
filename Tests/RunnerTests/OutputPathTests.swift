import Foundation
import TestSupport
import XCTest

/// `plot -o` and `predict --output` never replace what is not a regular file (both go through RunStore's `OutputFile`).
final class OutputPathTests: XCTestCase {
    /// A results root with one fabricated run (history only: enough for plot).
    func plotRoot() -> TemporaryDirectory {
        let root = TemporaryDirectory()
        RunFolderFixture(runID: "lr=0.01-1a2b3c4d").write(under: root.url.appendingPathComponent("results"))
        return root
    }

    func testPlotWritesDevNullAsAStreamAndItStaysADevice() throws {
        let root = plotRoot()
        let r = try RunnerProcess.run(["plot", "results", "-o", "/dev/null"], in: root.url)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "Wrote /dev/null (1 run)\n")
        var info = stat()
        XCTAssertEqual(lstat("/dev/null", &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFCHR, "/dev/null is still a character device")
    }

    func testPlotToADashPrintsTheSVGAndAFolderIsRefusedUntouched() throws {
        let root = plotRoot()
        let file = try RunnerProcess.run(["plot", "results", "-o", "curves.svg"], in: root.url)
        XCTAssertEqual(file.status, 0, file.stderr)
        let printed = try RunnerProcess.run(["plot", "results", "-o", "-"], in: root.url)
        XCTAssertEqual(printed.status, 0, printed.stderr)
        XCTAssertEqual(printed.stdout, try String(contentsOfFile: root.path + "/curves.svg", encoding: .utf8))
        XCTAssertTrue(printed.stdout.hasPrefix("<?xml"), String(printed.stdout.prefix(80)))

        let folder = try RunnerProcess.run(["plot", "results", "-o", "results"], in: root.url)
        XCTAssertEqual(folder.status, 2)
        XCTAssertEqual(folder.stdout, "")
        XCTAssertEqual(folder.stderr, "error: cannot write 'results': it is a folder; give a file path, such as 'results/curves.svg'\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: root.path + "/results"), ["mnist-dense"])
    }

    func testPlotWritesThroughALinkAndIntoAFIFOWithAReader() throws {
        let root = plotRoot()
        try "old".write(toFile: root.path + "/target.svg", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.path + "/link.svg", withDestinationPath: "target.svg")
        let linked = try RunnerProcess.run(["plot", "results", "-o", "link.svg"], in: root.url)
        XCTAssertEqual(linked.status, 0, linked.stderr)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: root.path + "/link.svg"), "target.svg")
        let svg = try String(contentsOfFile: root.path + "/target.svg", encoding: .utf8)
        XCTAssertTrue(svg.hasPrefix("<?xml"), String(svg.prefix(80)))

        XCTAssertEqual(mkfifo(root.path + "/pipe", 0o600), 0)
        let alone = try RunnerProcess.run(["plot", "results", "-o", "pipe"], in: root.url)
        XCTAssertEqual(alone.status, 2)
        XCTAssertEqual(alone.stderr, "error: cannot write 'pipe': it is a FIFO with no reader; start its reader first (e.g. cat pipe &), or write to a file\n")
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat pipe > received"]
        reader.currentDirectoryURL = root.url
        try reader.run()
        // Until cat has the FIFO open, runner says there is no reader (and waits for none): try again until it has.
        var piped = alone
        for _ in 0..<50 where piped.status == 2 {
            usleep(20_000)
            piped = try RunnerProcess.run(["plot", "results", "-o", "pipe"], in: root.url)
        }
        reader.waitUntilExit()
        XCTAssertEqual(piped.status, 0, piped.stderr)
        XCTAssertEqual(try String(contentsOfFile: root.path + "/received", encoding: .utf8), svg)
    }

    /// predict takes the same paths: `-` prints, a folder is refused with predictions.csv as the example.
    func testPredictUsesTheSameRules() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try EvaluateCommandTests.train(results)
        let input = "data/mnist/t10k-images-idx3-ubyte.gz"
        let printed = try RunnerProcess.run(["predict", run, "--input", input])
        XCTAssertEqual(printed.status, 0, printed.stderr)
        let dash = try RunnerProcess.run(["predict", run, "--input", input, "--output", "-"])
        XCTAssertEqual(dash.stdout, printed.stdout)
        XCTAssertEqual(dash.stdout.split(separator: "\n").count, 10_001)
        let null = try RunnerProcess.run(["predict", run, "--input", input, "--output", "/dev/null"])
        XCTAssertEqual(null.status, 0, null.stderr)
        XCTAssertEqual(null.stdout, "Predictions: 10000 samples -> /dev/null\n")
        let folder = try RunnerProcess.run(["predict", run, "--input", input, "-o", results.path])
        XCTAssertEqual(folder.status, 2)
        XCTAssertEqual(folder.stderr, "error: cannot write '\(results.path)': it is a folder; give a file path, such as '\(results.path)/predictions.csv'\n")
    }
}
