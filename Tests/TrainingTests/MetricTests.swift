import ExperimentCompiler
import Training
import XCTest

final class MetricTests: XCTestCase {
    private func correct(_ metric: Metric, _ outputs: [Float], width: Int, _ labels: [Int32]) -> Int {
        metric.correct(outputs: outputs, width: width, labels: labels, rows: labels.count)
    }

    func testAccuracyIsArgmaxWithTiesToTheLowestClass() {
        let outputs: [Float] = [0.1, 0.7, 0.2, 0.4, 0.4, 0.2, 0.3, 0.3, 0.4]
        XCTAssertEqual(correct(.accuracy, outputs, width: 3, [1, 0, 2]), 3)
        XCTAssertEqual(correct(.accuracy, outputs, width: 3, [0, 1, 1]), 0)
    }

    func testTopKCountsTiesAtTheBoundaryAsInTF() {
        let outputs: [Float] = [0.4, 0.3, 0.3, 0.0]
        XCTAssertEqual(correct(.topKCategoricalAccuracy(k: 2), outputs, width: 4, [2]), 1, "one output is greater")
        XCTAssertEqual(correct(.topKCategoricalAccuracy(k: 2), outputs, width: 4, [3]), 0)
        XCTAssertEqual(correct(.topKCategoricalAccuracy(k: 1), outputs, width: 4, [1]), 0)
    }
}
