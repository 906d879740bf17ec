import Foundation
import TestSupport
import XCTest

/// The run folder as a user meets it: the files a run leaves, reruns, Ctrl-C, two runs at once, bad roots.
final class RunFolderTests: XCTestCase {
    /// A small network keeps each epoch of full MNIST well under a second in release builds.
    let small = ["experiments/mnist-dense.yaml", "-q", "--set", "model.layers[0].dense=16"]

    func runFolder(_ results: TemporaryDirectory) throws -> String {
        let folder = results.path + "/mnist-dense"
        let runs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { !$0.hasPrefix(".") && $0 != "latest" }
        XCTAssertEqual(runs.count, 1, "\(runs)")
        return folder + "/" + (runs.first ?? "")
    }

    func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    func testSeedExperimentLeavesEightFilesThatPythonReads() throws {
        let results = TemporaryDirectory("runner-results")
        let r = try RunnerProcess.run(small + ["--results", results.path])
        XCTAssertEqual(r.status, 0, r.stderr)
        let folder = try runFolder(results)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder).sorted(),
                       ["experiment.yaml", "history.csv", "history.json", "metrics.json", "model.safetensors", "resolved.json", "run.json",
                        "test-predictions.csv"])
        XCTAssertEqual(try read(folder + "/experiment.yaml"), try read(RunnerProcess.packageRoot.path + "/experiments/mnist-dense.yaml"))
        let csv = try read(folder + "/history.csv").split(separator: "\n", omittingEmptySubsequences: false)
        XCTAssertEqual(csv.count, 12, "a header, 10 rows and the final line end")
        XCTAssertEqual(csv[0], "epoch,accuracy,loss,val_accuracy,val_loss")
        XCTAssertTrue(csv[1].hasPrefix("0,0.") && csv[10].hasPrefix("9,0."), "\(csv)")
        let python = """
            import csv, json, sys
            f = sys.argv[1]
            h = json.load(open(f + '/history.json')); m = json.load(open(f + '/metrics.json'))
            r = json.load(open(f + '/run.json')); json.load(open(f + '/resolved.json'))
            rows = list(csv.DictReader(open(f + '/history.csv', newline='')))
            assert len(rows) == 10 and [float(x['val_accuracy']) for x in rows] == h['val_accuracy']
            assert m['test']['accuracy'] == h['val_accuracy'][-1] and m['epochs'] == 10
            p = list(csv.DictReader(open(f + '/test-predictions.csv', newline='')))
            assert len(p) == sum(map(sum, m['confusion_matrix'])) and sum(x['label'] == x['predicted'] for x in p) == sum(m['confusion_matrix'][i][i] for i in range(10))
            print(r['status'], sorted(h), round(m['gap']['accuracy'] - (m['train']['accuracy'] - m['test']['accuracy']), 12))
            """
        let check = try Shell.run(["python3", "-c", python, folder])
        XCTAssertEqual(check.output, "completed ['accuracy', 'loss', 'val_accuracy', 'val_loss'] 0.0\n", check.error)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: results.path + "/mnist-dense/latest"),
                       (folder as NSString).lastPathComponent)
    }

    func testTwoRunsIntoTwoRootsDifferOnlyInRunJSON() throws {
        let a = TemporaryDirectory("runner-results"), b = TemporaryDirectory("runner-results")
        for root in [a, b] {
            let r = try RunnerProcess.run(small + ["--set", "fit.epochs=2", "--results", root.path])
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        let diff = try Shell.run(["diff", "-r", a.path, b.path])
        let differing = diff.output.split(separator: "\n").filter { $0.hasPrefix("diff -r ") }
        // `latest` is a link to the run folder, so diff reaches run.json through it too.
        XCTAssertEqual(differing.count, 2, diff.output)
        XCTAssertTrue(differing.allSatisfy { $0.hasSuffix("/run.json") }, diff.output)
    }

    func testRerunOfACompletedRunIsSkippedUnlessForced() throws {
        let results = TemporaryDirectory("runner-results")
        let run = ["experiments/mnist-dense.yaml", "--set", "model.layers[0].dense=8", "--set", "fit.epochs=1", "--results", results.path]
        XCTAssertEqual(try RunnerProcess.run(run).status, 0)
        let folder = try runFolder(results)
        let skipped = try RunnerProcess.run(run)
        XCTAssertEqual(skipped.status, 0, skipped.stderr)
        XCTAssertEqual(skipped.stdout, "Already completed: \(folder) (--force trains it again)\n")
        // The same resolved experiment reached without the label's overrides finds the same folder.
        let sameValues = try RunnerProcess.run(run + ["--set", "seed=42"])
        XCTAssertEqual(sameValues.stdout, "Already completed: \(folder) (--force trains it again)\n")
        let forced = try RunnerProcess.run(run + ["--force"])
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.hasPrefix("Epoch 1/1\n"), forced.stdout)
        XCTAssertEqual(try runFolder(results), folder)
    }

    func testInterruptDuringEpoch3KeepsEpochs1And2AndARerunCompletesIt() throws {
        let results = TemporaryDirectory("runner-results")
        let run = small + ["--set", "fit.epochs=4", "--results", results.path]
        let interrupted = try RunnerProcess.run(run, environment: ["RUNNER_TEST_SIGNAL": "INT@3"])
        XCTAssertEqual(interrupted.status, 130, interrupted.stderr)
        let folder = try runFolder(results)
        XCTAssertEqual(interrupted.stderr, "interrupted: 2 finished epochs kept in \(folder); run the same command again to resume it at epoch 3\n")
        XCTAssertEqual(try read(folder + "/history.csv").split(separator: "\n").map { $0.prefix(2) }, ["ep", "0,", "1,"])
        let history = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/history.json"))) as! [String: [Double]]
        XCTAssertEqual(history["loss"]?.count, 2)
        XCTAssertTrue(try read(folder + "/run.json").contains("\"status\": \"interrupted\""))
        XCTAssertTrue(try read(folder + "/metrics.json").contains("\"test\": null"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/model.safetensors"), "only a completed run keeps its model")

        let rerun = try RunnerProcess.run(run)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(try runFolder(results), folder)
        XCTAssertEqual(try read(folder + "/history.csv").split(separator: "\n").count, 5)
        XCTAssertTrue(try read(folder + "/run.json").contains("\"status\": \"completed\""))
    }

    func testKilledRunKeepsItsFinishedEpochsShowsAsCrashedAndARerunCompletesIt() throws {
        let results = TemporaryDirectory("runner-results")
        let run = small + ["--set", "fit.epochs=3", "--results", results.path]
        let killed = try RunnerProcess.start(run, environment: ["RUNNER_TEST_SIGNAL": "KILL@2"])
        _ = try killed.wait()
        XCTAssertEqual(killed.process.terminationReason, .uncaughtSignal)
        XCTAssertEqual(killed.process.terminationStatus, SIGKILL)
        let folder = try runFolder(results)
        XCTAssertEqual(try read(folder + "/history.csv").split(separator: "\n").count, 2, "the header and epoch 1")
        XCTAssertTrue(try read(folder + "/run.json").contains("\"status\": \"running\""))
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/metrics.json"))
        let compare = try RunnerProcess.run(["compare", results.path, "--format", "csv"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(compare.stdout.hasSuffix(",crashed\n"), compare.stdout)

        let rerun = try RunnerProcess.run(run)
        XCTAssertEqual(rerun.status, 0, rerun.stderr)
        XCTAssertEqual(try read(folder + "/history.csv").split(separator: "\n").count, 4)
        XCTAssertTrue(try RunnerProcess.run(["compare", results.path, "--format", "csv"]).stdout.hasSuffix(",completed\n"))
    }

    func testTwoIdenticalRunsStartedTogetherTrainOnce() throws {
        let results = TemporaryDirectory("runner-results")
        let run = ["experiments/mnist-dense.yaml", "--set", "model.layers[0].dense=8", "--set", "fit.epochs=2", "--results", results.path]
        let first = try RunnerProcess.start(run), second = try RunnerProcess.start(run)
        let outcomes = [try first.wait(), try second.wait()]
        XCTAssertEqual(outcomes.map(\.status), [0, 0], outcomes.map(\.stderr).joined())
        let trained = outcomes.filter { $0.stdout.hasPrefix("Epoch 1/2\n") || $0.stdout.contains("\nEpoch 1/2\n") }
        let skipped = outcomes.filter { $0.stdout.contains("Already completed: ") }
        XCTAssertEqual(trained.count, 1, outcomes.map(\.stdout).joined(separator: "\n---\n"))
        XCTAssertEqual(skipped.count, 1, outcomes.map(\.stdout).joined(separator: "\n---\n"))
        let folder = try runFolder(results)
        XCTAssertEqual(try read(folder + "/history.csv").split(separator: "\n").count, 3)
        for name in ["history.json", "metrics.json", "run.json", "resolved.json"] {
            XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))), name)
        }
    }

    func testUnwritableResultsRootIsAClearErrorAndWritesNothing() throws {
        let scratch = TemporaryDirectory("runner-results")
        let file = scratch.write("not-a-folder", "x")
        let r = try RunnerProcess.run(small + ["--set", "fit.epochs=1", "--results", file + "/results"])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: cannot create the folder '\(file)/results': Not a directory; choose a writable results folder with --results DIR\n")
        XCTAssertEqual(try read(file), "x")
    }
}
