import ExperimentCompiler
@testable import Reports
import RunStore
import XCTest

final class RunDiffTests: XCTestCase {
    private func run(_ resolved: String) throws -> RunFolderContents {
        RunFolderContents(path: URL(fileURLWithPath: "r"), name: "x", runID: "r", status: .completed,
                          resolved: try JSONValue(parsing: resolved), history: [:], epochs: 0, metrics: nil, run: .object([:]))
    }

    func testChangedAddedAndRemovedPaths() throws {
        let a = try run(#"{"model": {"layers": [{"dense": {"units": 64}}]}, "compile": {"optimizer": {"name": "adam", "amsgrad": false}}, "tags": []}"#)
        let b = try run(#"{"model": {"layers": [{"dense": {"units": 64}}, {"dropout": {"rate": 0.5}}]}, "compile": {"optimizer": {"name": "sgd"}}, "tags": ["x"]}"#)
        XCTAssertEqual(RunDiff(a, b).configuration.map(\.description), [
            "compile.optimizer.amsgrad: false -> (absent)",
            "compile.optimizer.name: adam -> sgd",
            "model.layers[1]: inserted dropout .5",
            "tags: [] -> (absent)",
            "tags[0]: (absent) -> x",
        ])
        XCTAssertEqual(RunDiff(a, a).configuration, [])
    }

    /// One layer put in the middle is one line, not every later layer shifted by one; a layer changed in place
    /// (same count) is still compared option by option.
    func testAnInsertedOrRemovedLayerIsReportedAsSuch() throws {
        let dense = #"{"dense": {"units": 512, "activation": "relu"}}"#, last = #"{"dense": {"units": 10, "activation": "softmax"}}"#
        let a = try run(#"{"model": {"layers": [\#(dense), \#(last)]}, "seed": 1}"#)
        let b = try run(#"{"model": {"layers": [\#(dense), {"dropout": {"rate": 0.5, "seed": null}}, \#(last)]}, "seed": 2}"#)
        XCTAssertEqual(RunDiff(a, b).configuration.map(\.description), ["model.layers[1]: inserted dropout .5", "seed: 1 -> 2"])
        XCTAssertEqual(RunDiff(b, a).configuration.map(\.description), ["model.layers[1]: removed dropout .5", "seed: 2 -> 1"])
        let c = try run(#"{"model": {"layers": [{"dense": {"units": 256, "activation": "relu"}}, \#(last)]}, "seed": 1}"#)
        XCTAssertEqual(RunDiff(a, c).configuration.map(\.description), ["model.layers[0].dense.units: 512 -> 256"])
    }

    func testMetricsWithoutMetricsFileComeFromHistory() throws {
        var a = try run("{}"), b = try run("{}")
        a.status = .running
        a.history = ["loss": [0.5, 0.4], "val_loss": [0.3, 0.35]]
        a.epochs = 2
        b.metrics = try JSONValue(parsing: #"{"best_epoch": null, "epochs": 1, "gap": {}, "test": {"loss": 0.2}, "train": {"loss": 0.45}}"#)
        b.epochs = 1
        XCTAssertEqual(RunDiff(a, b).metricsTable.rendered(as: .csv), """
            metric,a,b,change
            best_epoch.epoch,1,,
            best_epoch.value,0.3000,,
            epochs,2,1,-1
            test.loss,,0.2000,
            train.loss,0.4000,0.4500,+0.0500

            """)
    }

    func testOnlyAccuracyGapsAreShownInPoints() {
        XCTAssertTrue(RunDiff.inPoints("gap.accuracy"))
        XCTAssertTrue(RunDiff.inPoints("gap.top_k_categorical_accuracy"))
        XCTAssertFalse(RunDiff.inPoints("gap.loss"))
        XCTAssertFalse(RunDiff.inPoints("test.accuracy"))
    }
}
