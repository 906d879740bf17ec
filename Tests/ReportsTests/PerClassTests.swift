import ExperimentCompiler
import Foundation
@testable import Reports
import RunStore
import XCTest

/// `runner compare --per-class` and `runner diff` on metrics.json's per-class figures.
final class PerClassTests: XCTestCase {
    private func run(_ id: String, units: Int, perClass: String?, status: RunStatus = .completed) throws -> RunFolderContents {
        let extra = perClass.map { #", "confusion_matrix": [[1, 0], [1, 1]], "per_class_accuracy": \#($0)"# } ?? ""
        let metrics = try JSONValue(parsing: #"{"epochs": 1, "test": {"accuracy": 0.5, "loss": 1.0}, "train": {"accuracy": 0.6}\#(extra)}"#)
        return RunFolderContents(path: URL(fileURLWithPath: "results/x/\(id)"), name: "x", runID: id, status: status,
                                 resolved: try JSONValue(parsing: #"{"name": "x", "units": \#(units)}"#), history: [:], epochs: 1,
                                 metrics: metrics, run: .object([:]))
    }

    func testOneColumnPerClassAfterTestAccuracyMissingWhereARunHasNone() throws {
        let runs = [try run("a", units: 8, perClass: "[1.0, 0.5]"), try run("b", units: 16, perClass: "[0.25, null, 0.75]"),
                    try run("c", units: 32, perClass: nil), try run("d", units: 64, perClass: "[1.0, 1.0]", status: .interrupted)]
        let table = Comparison(runs).perClassTable
        XCTAssertEqual(table.columns.map(\.header), ["name", "run", "units", "epochs", "train_accuracy", "test_accuracy",
                                                     "class_0", "class_1", "class_2", "gap", "best_epoch", "status"])
        XCTAssertEqual(table.columns[6...8].map(\.key), ["per_class_accuracy[0]", "per_class_accuracy[1]", "per_class_accuracy[2]"])
        XCTAssertEqual(table.rows.map { $0[6...8].map(\.text) }, [["1.0000", "0.5000", "-"], ["0.2500", "-", "0.7500"],
                                                                   ["-", "-", "-"], ["-", "-", "-"]])
        XCTAssertEqual(try table.sorted(by: "class_0").rows.map { $0[1].text }, ["b", "a", "c", "d"])
        XCTAssertEqual(Comparison(runs).table.columns.count, 9, "without --per-class the table is unchanged")
    }

    func testWithoutPerClassFiguresTheTableIsThePlainOne() throws {
        let runs = [try run("a", units: 8, perClass: nil)]
        XCTAssertEqual(Comparison(runs).perClassTable, Comparison(runs).table)
    }

    func testDiffShowsEachClassChangeButNotTheConfusionCounts() throws {
        let diff = RunDiff(try run("a", units: 8, perClass: "[1.0, 0.5]"), try run("b", units: 16, perClass: "[0.75, 0.5]"))
        XCTAssertEqual(diff.metricsTable.rendered(as: .table), """
            metric                      A       B   change
            epochs                      1       1        0
            per_class_accuracy[0]  1.0000  0.7500  -0.2500
            per_class_accuracy[1]  0.5000  0.5000   0.0000
            test.accuracy          0.5000  0.5000   0.0000
            test.loss              1.0000  1.0000   0.0000
            train.accuracy         0.6000  0.6000   0.0000

            """)
    }
}
