import Foundation
import TestSupport
import XCTest

/// `runner verify`: a run trained again from its resolved.json reproduces every deterministic file.
final class VerifyCommandTests: XCTestCase {
    func trainedRun() throws -> (TemporaryDirectory, String) {
        let results = TemporaryDirectory("runner-results")
        let r = try RunnerProcess.run(["experiments/mnist-dense.yaml", "-q", "--set", "fit.epochs=2",
                                       "--set", "model.layers[0].dense=8", "--results", results.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return (results, results.path + "/mnist-dense/latest")
    }

    func testARunIsReproducedByteForByte() throws {
        let (results, run) = try trainedRun()
        let r = try RunnerProcess.run(["verify", run, "-q"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, """
            experiment.yaml       identical
            history.csv           identical
            history.json          identical
            metrics.json          identical
            model.safetensors     identical
            resolved.json         identical
            test-predictions.csv  identical

            """)
        XCTAssertEqual(r.stderr, "")
        _ = results
    }

    func testAChangedFileIsReportedWithStatus1() throws {
        let (results, run) = try trainedRun()
        let csv = run + "/history.csv"
        var text = try String(contentsOfFile: csv, encoding: .utf8)
        text = text.replacingOccurrences(of: "\n1,0.", with: "\n1,1.")
        try text.write(toFile: csv, atomically: true, encoding: .utf8)
        let r = try RunnerProcess.run(["verify", run, "-q"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stdout.contains("history.csv           differs at line 3\n"), r.stdout)
        XCTAssertEqual(r.stderr, "error: 1 of 7 files differ from \(run)\n")
        _ = results
    }

    func testAnotherKernelFamilyIsNotedBeforeComparing() throws {
        let (results, run) = try trainedRun()
        let record = run + "/run.json"
        let text = try String(contentsOfFile: record, encoding: .utf8)
        let here = try XCTUnwrap(RunFiles.json(record)["kernel_family"] as? String)
        try text.replacingOccurrences(of: "\"kernel_family\": \"\(here)\"", with: "\"kernel_family\": \"Pretend\"")
            .write(toFile: record, atomically: true, encoding: .utf8)
        let r = try RunnerProcess.run(["verify", run, "-q"])
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stderr, "note: this run was trained with OpenBLAS' Pretend kernels, this machine uses \(here): bits may differ\n")
        _ = results
    }

    func testAFolderThatIsNotARunIsAUsageError() throws {
        let folder = TemporaryDirectory()
        let r = try RunnerProcess.run(["verify", folder.path])
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: '\(folder.path)' is not a run folder (it has no resolved.json); run folders are results/<name>/<run-id>/\n")
    }

    func testAnInterruptedRunCannotBeVerified() throws {
        let results = TemporaryDirectory("runner-results")
        let r = try RunnerProcess.run(["experiments/mnist-dense.yaml", "-q", "--set", "fit.epochs=3", "--set", "model.layers[0].dense=8",
                                       "--results", results.path], environment: ["RUNNER_TEST_SIGNAL": "INT@2"])
        XCTAssertEqual(r.status, 130)
        // `latest` names only completed runs: the interrupted one is the folder's one run.
        let folders = try FileManager.default.contentsOfDirectory(atPath: results.path + "/mnist-dense").filter { !$0.hasPrefix(".") }
        XCTAssertEqual(folders.count, 1, "\(folders)")
        let run = results.path + "/mnist-dense/" + (folders.first ?? "")
        let v = try RunnerProcess.run(["verify", run])
        XCTAssertEqual(v.status, 2)
        XCTAssertEqual(v.stderr, "error: '\(run)' is interrupted, not completed; only a completed run can be verified (run its experiment again to complete it)\n")
    }
}
