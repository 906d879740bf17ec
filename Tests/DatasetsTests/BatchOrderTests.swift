@testable import Datasets
import SeededRandom
import XCTest

final class BatchOrderTests: XCTestCase {
    func testEveryEpochIsAPermutation() {
        var order = BatchOrder(count: 1000, batchSize: 64, shuffle: true, seed: 42)
        for epoch in 0..<5 {
            order.prepare(epoch: epoch)
            XCTAssertEqual(order.indices.sorted(), (0..<1000).map { Int32($0) }, "epoch \(epoch)")
            XCTAssertNotEqual(order.indices, (0..<1000).map { Int32($0) }, "epoch \(epoch) left the identity")
        }
    }

    func testReproducibleForASeedAndPureInTheEpoch() {
        var a = BatchOrder(count: 500, batchSize: 32, shuffle: true, seed: 7)
        var b = BatchOrder(count: 500, batchSize: 32, shuffle: true, seed: 7)
        a.prepare(epoch: 0); a.prepare(epoch: 1); a.prepare(epoch: 2)
        b.prepare(epoch: 2)  // straight to epoch 2: no epoch depends on the ones before it
        XCTAssertEqual(a.indices, b.indices)
        XCTAssertEqual(a.indices, BatchOrder.order(count: 500, shuffle: true, seed: 7, epoch: 2))
    }

    func testDiffersByEpochAndBySeed() {
        let base = BatchOrder.order(count: 500, shuffle: true, seed: 7, epoch: 0)
        XCTAssertNotEqual(base, BatchOrder.order(count: 500, shuffle: true, seed: 7, epoch: 1))
        XCTAssertNotEqual(base, BatchOrder.order(count: 500, shuffle: true, seed: 8, epoch: 0))
        // Seed s at epoch 1 is not seed s + 1 at epoch 0: adjacent seeds do not replay each other's epochs.
        XCTAssertNotEqual(BatchOrder.order(count: 500, shuffle: true, seed: 7, epoch: 1),
                          BatchOrder.order(count: 500, shuffle: true, seed: 8, epoch: 0))
    }

    func testDocumentedStream() {
        var random = SeededRandom(seed: 99, streamNumber: 2 << 32 + 3)
        XCTAssertEqual(BatchOrder.order(count: 200, shuffle: true, seed: 99, epoch: 3), random.permutation(200))
    }

    func testIdentityWithoutShuffle() {
        var order = BatchOrder(count: 10, batchSize: 4, shuffle: false, seed: 1)
        order.prepare(epoch: 5)
        XCTAssertEqual(order.indices, (0..<10).map { Int32($0) })
        XCTAssertEqual(BatchOrder.order(count: 10, shuffle: false, seed: 1, epoch: 5), order.indices)
    }

    func testLastPartialBatchIsKept() {
        let mnist = BatchOrder(count: 60000, batchSize: 256, shuffle: true, seed: 42)
        XCTAssertEqual(mnist.batchCount, 235)
        XCTAssertEqual(mnist.range(ofBatch: 0), 0..<256)
        XCTAssertEqual(mnist.range(ofBatch: 234), 59904..<60000)  // 96 samples

        var small = BatchOrder(count: 10, batchSize: 4, shuffle: true, seed: 3)
        small.prepare(epoch: 0)
        XCTAssertEqual(small.batchCount, 3)
        var seen: [Int32] = []
        for batch in 0..<small.batchCount {
            small.withBatch(batch) { seen += $0 }
        }
        XCTAssertEqual(seen, small.indices)
        XCTAssertEqual(small.withBatch(2) { $0.count }, 2)
        XCTAssertEqual(BatchOrder(count: 8, batchSize: 4, shuffle: false, seed: 0).batchCount, 2)
    }
}
