import ExperimentCompiler
@testable import Reports
import RunStore
import TestSupport
import XCTest

final class ComparisonTests: XCTestCase {
    private func run(_ id: String, _ resolved: String, status: RunStatus = .completed) throws -> RunFolderContents {
        RunFolderContents(path: URL(fileURLWithPath: "results/x/\(id)"), name: "x", runID: id, status: status,
                          resolved: try JSONValue(parsing: resolved), history: [:], epochs: 1, metrics: nil, run: .object([:]))
    }

    func testOnlyDifferingPathsBecomeColumnsWithShortUniqueHeaders() throws {
        let runs = [
            try run("a", #"{"name": "x", "fit": {"epochs": 2, "batch_size": 32}, "model": {"layers": [{"dense": {"units": 64}}, {"dense": {"units": 10}}]}, "compile": {"optimizer": {"name": "adam"}, "loss": {"name": "mse"}}}"#),
            try run("b", #"{"name": "y", "fit": {"epochs": 3, "batch_size": 32}, "model": {"layers": [{"dense": {"units": 32}}, {"dense": {"units": 20}}, {"dense": {"units": 10}}]}, "compile": {"optimizer": {"name": "sgd"}, "loss": {"name": "mae"}}}"#),
        ]
        let comparison = Comparison(runs)
        // The layers are one `model` column, however many positions and options differ.
        XCTAssertEqual(comparison.differingPaths, ["compile.loss.name", "compile.optimizer.name", "fit.epochs", "model"])
        let table = comparison.table
        XCTAssertEqual(table.columns.map(\.header), [
            "name", "run", "loss.name", "optimizer.name", "fit.epochs", "model",
            "epochs", "train_accuracy", "test_accuracy", "gap", "best_epoch", "status",
        ])
        XCTAssertEqual(table.rows.map { $0[5].text }, ["dense64 > dense10", "dense32 > dense20 > dense10"])
        XCTAssertEqual(table.columns[4].alignment, .right)
        XCTAssertEqual(table.columns[5].alignment, .left)
    }

    func testTheModelColumnNamesEachLayerCompactly() throws {
        let resolved = try JSONValue(parsing: #"{"model": {"layers": [{"dense": {"units": 512, "activation": "relu", "use_bias": true, "kernel_initializer": "glorot_uniform", "bias_initializer": "zeros", "kernel_regularizer": {"l1": 0.0, "l2": 0.0001}}}, {"dropout": {"rate": 0.5, "seed": null}}, {"dense": {"units": 10, "activation": "softmax", "use_bias": false, "kernel_initializer": "he_normal", "bias_initializer": "zeros", "kernel_regularizer": null}}]}}"#)
        XCTAssertEqual(ModelSummary.text(resolved), "dense512 relu l2 .0001 > dropout .5 > dense10 softmax no_bias he_normal")
    }

    func testTheModelColumnNamesConvLayersCompactly() throws {
        let resolved = try JSONValue(parsing: #"{"model": {"layers": [{"conv2d": {"filters": 32, "kernel_size": [3, 3], "strides": [1, 1], "padding": "valid", "activation": "relu", "use_bias": true, "kernel_initializer": "glorot_uniform", "bias_initializer": "zeros", "kernel_regularizer": null}}, {"batch_normalization": {"momentum": 0.9, "epsilon": 0.001, "center": true, "scale": false}}, {"max_pooling2d": {"pool_size": [2, 2], "strides": null, "padding": "valid"}}, {"conv2d": {"filters": 8, "kernel_size": [5, 3], "strides": [2, 2], "padding": "same", "activation": "linear", "use_bias": false, "kernel_initializer": "glorot_uniform", "bias_initializer": "zeros", "kernel_regularizer": null}}, {"average_pooling2d": {"pool_size": [3, 3], "strides": [1, 1], "padding": "same"}}, {"flatten": {}}, {"dense": {"units": 10, "activation": "softmax", "use_bias": true, "kernel_initializer": "glorot_uniform", "bias_initializer": "zeros", "kernel_regularizer": null}}]}}"#)
        XCTAssertEqual(ModelSummary.text(resolved), "conv2d32 3x3 relu > batch_normalization momentum .9 no_scale > max_pooling2d 2x2"
            + " > conv2d8 5x3 strides 2x2 same linear no_bias > average_pooling2d 3x3 strides 1x1 same > flatten > dense10 softmax")
    }

    func testShortHeadersGrowOnlyWhereNeeded() {
        XCTAssertEqual(shortHeaders(for: ["compile.optimizer.learning_rate", "seed"], reserved: []), ["learning_rate", "seed"])
        XCTAssertEqual(shortHeaders(for: ["a.x.name", "b.x.name", "c.y"], reserved: []), ["a.x.name", "b.x.name", "y"])
        XCTAssertEqual(shortHeaders(for: ["fit.status"], reserved: ["status"]), ["fit.status"])
    }

    func testKeyPathsSortIndicesNumerically() {
        XCTAssertEqual(["m.l[10].u", "m.l[2].u", "m.k", "fit.epochs"].sorted(by: keyPathPrecedes), ["fit.epochs", "m.k", "m.l[2].u", "m.l[10].u"])
    }

    func testSingleRunHasNoConfigurationColumns() throws {
        let comparison = Comparison([try run("a", #"{"name": "x", "seed": 1}"#)])
        XCTAssertEqual(comparison.differingPaths, [])
        XCTAssertEqual(comparison.table.columns.count, 8)
    }

    func testRunningRunShowsItsEpochsSoFar() throws {
        var running = try run("a", #"{"fit": {"epochs": 10}}"#, status: .running)
        running.history = ["accuracy": [0.8, 0.9], "val_loss": [0.3, 0.2]]
        running.epochs = 2
        let row = Comparison([running]).table.rows[0]
        XCTAssertEqual(row.map(\.text), ["x", "a", "2/10", "0.9000", "-", "-", "2", "running"])
    }
}
