import ExperimentCompiler
import RunStore
import Training
import XCTest

final class ConfusionMatrixTests: XCTestCase {
    func testRowsAreTrueClassesColumnsPredictedTiesGoToTheLowestClass() {
        let outputs: [Float] = [0.7, 0.2, 0.1,  // 0 -> 0
                                0.1, 0.3, 0.6,  // 1 -> 2
                                0.4, 0.4, 0.2,  // 1 -> 0 (tie)
                                0.0, 0.1, 0.9]  // 2 -> 2
        let matrix = ConfusionMatrix(outputs: outputs, width: 3, labels: [0, 1, 1, 2])
        XCTAssertEqual(matrix.counts, [[1, 0, 0], [1, 0, 1], [0, 0, 1]])
        XCTAssertEqual(matrix.perClassAccuracy, [1, 0, 1])
        XCTAssertEqual(matrix.accuracy, 0.5)
    }

    func testAClassWithoutSamplesHasNoAccuracy() {
        let matrix = ConfusionMatrix(outputs: [0.9, 0.1], width: 2, labels: [0])
        XCTAssertEqual(matrix.perClassAccuracy, [1, nil])
    }

    func testMetricsFileAddsBothKeysOnlyWithTestFigures() {
        var history = History()
        history.append(Logs([("loss", 0.5), ("accuracy", 0.75)]))
        let matrix = ConfusionMatrix(outputs: [0.9, 0.1, 0.2, 0.8, 0.6, 0.4], width: 2, labels: [0, 1, 1])
        let json = MetricsFile.json(history: history, test: Logs([("loss", 0.5), ("accuracy", 2.0 / 3)]), confusion: matrix)
        XCTAssertEqual(json.canonicalText, """
            {
              "best_epoch": null,
              "confusion_matrix": [
                [1, 0],
                [1, 1]
              ],
              "epochs": 1,
              "gap": {
                "accuracy": 0.08333333333333337,
                "loss": 0.0
              },
              "per_class_accuracy": [
                1.0,
                0.5
              ],
              "test": {
                "accuracy": 0.6666666666666666,
                "loss": 0.5
              },
              "train": {
                "accuracy": 0.75,
                "loss": 0.5
              }
            }

            """)
        // One row of the matrix per line, and still JSON that reads back to the same value.
        XCTAssertEqual(try JSONValue(parsing: json.canonicalText), json)
        let unfinished = MetricsFile.json(history: history, test: nil, confusion: matrix).canonicalText
        XCTAssertFalse(unfinished.contains("confusion_matrix") || unfinished.contains("per_class_accuracy"), unfinished)
    }
}
