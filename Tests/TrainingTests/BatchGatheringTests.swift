import Datasets
import XCTest
@testable import Training

/// A batch gathered on the pool holds the bits of one serial `BatchSource.gather`, chunk edges included.
final class BatchGatheringTests: XCTestCase {
    func testTheChunkedGatherEqualsTheSerialOneBitForBit() {
        let split = TrainingFixtures.mnist.train.slice(0..<1000)
        let features = split.featureCount
        let standardization = Standardization(mean: (0..<features).map { Float($0 % 7) / 10 },
                                              std: (0..<features).map { 1 + Float($0 % 5) / 3 })
        let source = split.preprocessed(Preprocessing(flatten: true, scale: 255, standardization: standardization))
        // 100 rows: three full chunks of 32 and a partial one; indices in a scrambled order.
        let indices = (0..<100).map { Int32(($0 * 367) % 1000) }
        XCTAssertGreaterThan(indices.count, 3 * BatchGathering.rowsPerTask)
        var serial = [Float](repeating: -1, count: indices.count * features), pooled = serial
        var serialLabels = [Int32](repeating: -1, count: indices.count), pooledLabels = serialLabels
        indices.withUnsafeBufferPointer { order in
            source.gather(indices: order, images: &serial, labels: &serialLabels)
            BatchGathering.gather(source, indices: order, images: &pooled, labels: &pooledLabels)
        }
        XCTAssertEqual(pooled.map(\.bitPattern), serial.map(\.bitPattern))
        XCTAssertEqual(pooledLabels, serialLabels)
        XCTAssertFalse(serial.contains(-1), "every row written")
    }
}
