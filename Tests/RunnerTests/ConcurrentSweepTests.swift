import Foundation
import TestSupport
import XCTest

/// Eight `runner sweep` processes at once over overlapping grids, sharing one results root, as a night of
/// sweeps started from several shells (or Slurm jobs) does.
final class ConcurrentSweepTests: XCTestCase {
    func testEightOverlappingSweepsTrainEveryRunExactlyOnceAndLeaveEveryFileWhole() throws {
        // Long enough (a few tenths of a second per run) that sweeps starting together meet on the same runs.
        let tiny = TinyExperiment(epochs: 150)
        let root = tiny.folder.path + "/results", log = tiny.folder.path + "/trained.log"
        let rates = ["0.1", "0.05", "0.02", "0.01"]
        // Sweep k covers rates k and k+1 (mod 4): every run is in four sweeps, and sweeps k and k+4 start on the same one.
        let sweeps = try (0..<8).map { k in
            try RunnerProcess.start(["sweep", tiny.file, "--grid", "compile.optimizer.learning_rate=\(rates[k % 4]),\(rates[(k + 1) % 4])",
                                     "--grid", "fit.batch_size=16,32", "--jobs", "1", "--results", root],
                                    in: tiny.folder.url, environment: ["RUNNER_TEST_TRAINING_LOG": log])
        }
        let outcomes = try sweeps.map { try $0.wait() }
        XCTAssertEqual(outcomes.map(\.status), Array(repeating: 0, count: 8), outcomes.map { $0.stdout + $0.stderr }.joined(separator: "\n---\n"))

        // One line per training: the pid, then the child's command, which names the run by its --set values.
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        var trainings: [String: Int] = [:]
        for line in lines { trainings[String(line.drop { $0 != " " }), default: 0] += 1 }
        XCTAssertEqual(trainings.count, 8, lines.joined(separator: "\n"))
        XCTAssertEqual(trainings.filter { $0.value != 1 }, [:], "trained more than once")

        let folders = try FileManager.default.contentsOfDirectory(atPath: root + "/tiny").filter { !$0.hasPrefix(".") && $0 != "latest" }
        XCTAssertEqual(folders.count, 8, "\(folders)")
        for folder in folders {
            XCTAssertEqual(try RunFiles.json(root + "/tiny/\(folder)/run.json")["status"] as? String, "completed", folder)
            XCTAssertEqual(try RunFiles.csvRows(root + "/tiny/\(folder)/history.csv"), 150, folder)
        }
        RunFiles.assertWhole(root)
    }
}
