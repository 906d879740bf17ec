import Foundation
import RunStore
import TestSupport
import XCTest

/// `test-predictions.csv`: the compact per-example record McNemar's test reads.
final class TestPredictionsTests: XCTestCase {
    let outputs: [Float] = [0.7, 0.2, 0.1,  // 0 -> 0
                            0.1, 0.3, 0.6,  // 1 -> 2
                            0.4, 0.4, 0.2,  // 1 -> 0 (tie)
                            0.0, 0.1, 0.9]  // 2 -> 2

    func testPredictionsAreTheConfusionMatrixsArgmaxAndTheFileIsOneLinePerExample() throws {
        let predictions = TestPredictions(outputs: outputs, width: 3, labels: [0, 1, 1, 2])
        XCTAssertEqual(predictions.predicted, [0, 2, 0, 2])
        XCTAssertEqual(predictions.correct, [true, false, false, true])
        XCTAssertEqual(ConfusionMatrix(predictions, width: 3), ConfusionMatrix(outputs: outputs, width: 3, labels: [0, 1, 1, 2]))
        XCTAssertEqual(predictions.csv, "label,predicted\n0,0\n1,2\n1,0\n2,2\n")
        XCTAssertEqual(try TestPredictions(csv: predictions.csv, path: "p.csv"), predictions)
    }

    func testADamagedFileIsReportedAtItsLine() {
        XCTAssertThrowsError(try TestPredictions(csv: "label,predicted\n0,0\n1,x\n", path: "r/test-predictions.csv")) { error in
            XCTAssertEqual("\(error)", "r/test-predictions.csv: error: line 3: expected two class indices 'label,predicted'; "
                + "the test predictions are damaged: run the experiment again with --force to rewrite the run folder")
        }
        XCTAssertThrowsError(try TestPredictions(csv: "index,predicted\n", path: "p.csv")) { error in
            XCTAssertEqual("\(error)", "p.csv: error: line 1: the header must be 'label,predicted'; "
                + "the test predictions are damaged: run the experiment again with --force to rewrite the run folder")
        }
    }

    func testARunFolderWithoutTheFileHasNone() throws {
        let root = TemporaryDirectory()
        let folder = RunFolderFixture(runID: "5e6f7a8b").write(under: root.url)
        let run = try RunFolderContents.load(folder)
        XCTAssertNil(try run.testPredictions())
        try Data("label,predicted\n3,3\n".utf8).write(to: folder.appendingPathComponent("test-predictions.csv"))
        XCTAssertEqual(try run.testPredictions(), TestPredictions(labels: [3], predicted: [3]))
    }
}
