import ExperimentCompiler
@testable import RunStore
import TestSupport
import XCTest

/// Loading one run folder written in the agreed format, and every way one can be unusable.
final class RunFolderContentsTests: XCTestCase {
    func testLoadsACompletedRun() throws {
        let root = TemporaryDirectory()
        let folder = RunFolderFixture(runID: "lr=0.01-3fa9c21b").write(under: root.url)
        let run = try RunFolderContents.load(folder)
        XCTAssertEqual(run.name, "mnist-dense")
        XCTAssertEqual(run.runID, "lr=0.01-3fa9c21b")
        XCTAssertEqual(run.status, .completed)
        XCTAssertEqual(run.epochs, 2)
        XCTAssertEqual(run.plannedEpochs, 2)
        XCTAssertEqual(run.history, ["accuracy": [0.9, 0.96], "loss": [0.35, 0.13], "val_accuracy": [0.94, 0.965], "val_loss": [0.2, 0.11]])
        XCTAssertEqual(run.resolved["compile"]?["optimizer"]?["learning_rate"], .double(0.001))
        XCTAssertEqual(run.resolved["seed"], .int(42))
        XCTAssertEqual(run.metrics?["best_epoch"]?["epoch"], .int(2))
        XCTAssertEqual(run.trainAccuracy, 0.96)
        XCTAssertEqual(run.testAccuracy, 0.955)
        XCTAssertEqual(try XCTUnwrap(run.accuracyGapPoints), 0.5, accuracy: 1e-9)
        XCTAssertEqual(run.bestEpoch, 2)
    }

    func testResolvedJSONReadsBackToItsCanonicalText() throws {
        let root = TemporaryDirectory()
        let fixture = RunFolderFixture(runID: "3fa9c21b")
        let run = try RunFolderContents.load(fixture.write(under: root.url))
        XCTAssertEqual(run.resolved.canonicalText, fixture.resolvedJSON)
    }

    func testInterruptedRunHasNoTestFigures() throws {
        let root = TemporaryDirectory()
        var fixture = RunFolderFixture(runID: "3fa9c21b")
        (fixture.status, fixture.plannedEpochs, fixture.epochs) = ("interrupted", 10, [[0.9, 0.35, 0.94, 0.2]])
        let run = try RunFolderContents.load(fixture.write(under: root.url))
        XCTAssertEqual(run.status, .interrupted)
        XCTAssertEqual(run.epochs, 1)
        XCTAssertFalse(run.isFinished)
        XCTAssertEqual(run.trainAccuracy, 0.9)
        XCTAssertNil(run.testAccuracy)
        XCTAssertNil(run.accuracyGapPoints)
    }

    func testRunningRunWithoutMetricsIsSummarisedFromItsHistory() throws {
        let root = TemporaryDirectory()
        var fixture = RunFolderFixture(runID: "3fa9c21b")
        fixture.status = "running"
        fixture.epochs = [[0.9, 0.35, 0.94, 0.2], [0.95, 0.2, 0.93, 0.25]]
        let folder = fixture.write(under: root.url)
        // The live runner holds the run's lock: this test stands in for it.
        let lock = try RunLock(path: folder.deletingLastPathComponent().appendingPathComponent(".3fa9c21b.lock").path)
        XCTAssertTrue(lock.tryLock())
        let run = try RunFolderContents.load(folder)
        XCTAssertNil(run.metrics)
        XCTAssertEqual(run.status, .running)
        XCTAssertEqual(run.epochs, 2)
        XCTAssertEqual(run.trainAccuracy, 0.95)
        XCTAssertEqual(run.bestEpoch, 1)
        XCTAssertNil(run.testAccuracy)
    }

    func testRunningRunWhoseLockNobodyHoldsIsCrashed() throws {
        let root = TemporaryDirectory()
        var fixture = RunFolderFixture(runID: "lr=0.1-3fa9c21b")
        fixture.status = "running"
        let folder = fixture.write(under: root.url)
        XCTAssertEqual(try RunFolderContents.load(folder).status, .crashed)
        let lock = try RunLock(path: folder.deletingLastPathComponent().appendingPathComponent(".3fa9c21b.lock").path)
        XCTAssertTrue(lock.tryLock())
        XCTAssertEqual(try RunFolderContents.load(folder).status, .running)
        lock.unlock()
        XCTAssertEqual(try RunFolderContents.load(folder).status, .crashed)
    }

    func testJustStartedRunHasNoHistory() throws {
        let root = TemporaryDirectory()
        var fixture = RunFolderFixture(runID: "3fa9c21b")
        (fixture.status, fixture.writesHistoryCSV, fixture.writesHistoryJSON) = ("running", false, false)
        let run = try RunFolderContents.load(fixture.write(under: root.url))
        XCTAssertEqual(run.history, [:])
        XCTAssertEqual(run.epochs, 0)
        XCTAssertNil(run.trainAccuracy)
        XCTAssertNil(run.bestEpoch)
    }

    func testMissingPath() {
        let root = TemporaryDirectory()
        XCTAssertEqual(loadError(root.url.appendingPathComponent("nowhere")),
                       "\(root.path)/nowhere: error: no such file or folder; give a run folder (results/NAME/RUN_ID) or a folder holding run folders")
    }

    func testNotARunFolder() {
        let root = TemporaryDirectory()
        root.write("results/mnist-dense/3fa9c21b/resolved.json", "{}\n")
        let folder = root.url.appendingPathComponent("results/mnist-dense/3fa9c21b")
        XCTAssertEqual(loadError(folder),
                       "\(folder.path): error: not a run folder (it has no resolved.json and run.json); a run folder results/NAME/RUN_ID holds "
                        + "experiment.yaml, resolved.json, history.csv, history.json, metrics.json and run.json")
        XCTAssertEqual(loadError(folder.appendingPathComponent("resolved.json")), "\(folder.path)/resolved.json: error: not a run folder (it has no "
                        + "resolved.json and run.json); a run folder results/NAME/RUN_ID holds experiment.yaml, resolved.json, history.csv, "
                        + "history.json, metrics.json and run.json")
    }

    func testCorruptJSON() {
        let root = TemporaryDirectory()
        let folder = RunFolderFixture(runID: "3fa9c21b").write(under: root.url)
        try! Data("{\n  \"status\": \"compl".utf8).write(to: folder.appendingPathComponent("run.json"))
        XCTAssertEqual(loadError(folder), "\(folder.path)/run.json: error: not valid JSON (line 2, column 19: unexpected end of file during JSON parse); "
                        + "the file is damaged: run the experiment again with --force to rewrite the run folder")
    }

    func testUnknownStatus() {
        let root = TemporaryDirectory()
        var fixture = RunFolderFixture(runID: "3fa9c21b")
        fixture.status = "finished"
        let folder = fixture.write(under: root.url)
        XCTAssertEqual(loadError(folder), "\(folder.path)/run.json: error: 'status' is 'finished', not one of running, completed, "
                        + "interrupted, diverged, failed, crashed; the file is damaged: run the experiment again with --force to rewrite the run folder")
    }

    func testHistoryJSONOfTheWrongShape() {
        let root = TemporaryDirectory()
        let folder = RunFolderFixture(runID: "3fa9c21b").write(under: root.url)
        try! Data("{\"loss\": [0.3, \"x\"]}\n".utf8).write(to: folder.appendingPathComponent("history.json"))
        XCTAssertEqual(loadError(folder), "\(folder.path)/history.json: error: 'loss' item 1 is not a number; "
                        + "the file is damaged: run the experiment again with --force to rewrite the run folder")
    }

    func testHistoryComesFromTheCSVWhenTheJSONIsMissing() throws {
        let root = TemporaryDirectory()
        var fixture = RunFolderFixture(runID: "3fa9c21b")
        fixture.writesHistoryJSON = false
        fixture.epochs = [[0.9, 0.35, nil, nil], [0.96, 0.13, 0.965, 0.11]]
        let run = try RunFolderContents.load(fixture.write(under: root.url))
        XCTAssertEqual(run.history, ["accuracy": [0.9, 0.96], "loss": [0.35, 0.13], "val_accuracy": [nil, 0.965], "val_loss": [nil, 0.11]])
    }

    private func loadError(_ folder: URL) -> String? {
        do {
            _ = try RunFolderContents.load(folder)
            return nil
        } catch {
            return error.description
        }
    }
}
