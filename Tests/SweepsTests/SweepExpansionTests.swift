import ExperimentCompiler
import Sweeps
import XCTest

/// Grids become the product of their values, in nested-loop order, each point compiled.
final class SweepExpansionTests: XCTestCase {
    func testTwoGridsGiveTheirProductFirstAxisSlowest() throws {
        let p = try plan(grid: ["compile.optimizer.learning_rate=0.1,0.01", "model.layers[0].dense=16,32,64"])
        XCTAssertEqual(p.runs.map(\.overrides), [
            ["compile.optimizer.learning_rate=0.1", "model.layers[0].dense=16"],
            ["compile.optimizer.learning_rate=0.1", "model.layers[0].dense=32"],
            ["compile.optimizer.learning_rate=0.1", "model.layers[0].dense=64"],
            ["compile.optimizer.learning_rate=0.01", "model.layers[0].dense=16"],
            ["compile.optimizer.learning_rate=0.01", "model.layers[0].dense=32"],
            ["compile.optimizer.learning_rate=0.01", "model.layers[0].dense=64"],
        ])
        XCTAssertEqual(p.runs.map { learningRate($0.experiment) }, [0.1, 0.1, 0.1, 0.01, 0.01, 0.01])
        XCTAssertEqual(p.runs.map { $0.experiment.model.layers[0] }.map { "\($0)" }.count, 6)
        XCTAssertEqual(p.duplicates, 0)
    }

    func testFixedOverridesComeFirstAndApplyToEveryPoint() throws {
        let p = try plan(grid: ["fit.batch_size=32,64"], overrides: ["fit.epochs=1"])
        XCTAssertEqual(p.runs.map(\.overrides), [["fit.epochs=1", "fit.batch_size=32"], ["fit.epochs=1", "fit.batch_size=64"]])
        XCTAssertEqual(p.runs.map(\.experiment.fit.epochs), [1, 1])
        XCTAssertEqual(p.runs.map(\.experiment.fit.batchSize), [32, 64])
    }

    func testValuesAreYAMLAndCommasInsideBracketsDoNotSplit() throws {
        let p = try plan(grid: ["compile.metrics=[accuracy], [accuracy, top_k_categorical_accuracy]",
                                "compile.optimizer={name: sgd, momentum: 0.9},adam"])
        XCTAssertEqual(p.runs.count, 4)
        XCTAssertEqual(p.runs[0].overrides, ["compile.metrics=[accuracy]", "compile.optimizer={name: sgd, momentum: 0.9}"])
        XCTAssertEqual(p.runs[3].experiment.compile.metrics, [.accuracy, .topKCategoricalAccuracy(k: 5)])
    }

    func testPointsCompilingToTheSameExperimentRunOnce() throws {
        let p = try plan(grid: ["compile.optimizer.learning_rate=0.1,1e-1,0.01"])
        XCTAssertEqual(p.runs.map(\.overrides), [["compile.optimizer.learning_rate=0.1"], ["compile.optimizer.learning_rate=0.01"]])
        XCTAssertEqual(p.duplicates, 1)
    }

    func testTheCommandLineReplacesTheFilesAxisOnTheSamePath() throws {
        let text = base + "sweep:\n  grid:\n    fit.epochs: [1, 2]\n    fit.batch_size: [32, 64]\n"
        let p = try plan(text, grid: ["fit.epochs=3"])
        XCTAssertEqual(p.runs.map(\.overrides), [["fit.batch_size=32", "fit.epochs=3"], ["fit.batch_size=64", "fit.epochs=3"]])
    }
}
