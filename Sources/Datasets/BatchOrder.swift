import SeededRandom

/// The order in which an epoch visits the samples, cut into batches of `batchSize` (the last one partial).
///
/// With shuffling, epoch `e` (0-based) visits the samples in a Fisher-Yates permutation drawn from
/// `SeededRandom(seed: seed, streamNumber: 2 << 32 + e)`: the shuffle stream's number (2) shifted above the
/// named streams, plus the epoch, so every epoch has its own stream. An epoch's order is therefore a pure
/// function of (seed, epoch): no epoch depends on the ones before it, and a resumed run replays it exactly.
/// (Seeded Keras replays one permutation every epoch; we draw a fresh one each epoch, see DESIGN.md.)
/// Without shuffling every epoch visits `0, 1, 2, ...`.
public struct BatchOrder: Sendable {
    public let count: Int
    public let batchSize: Int
    public let shuffle: Bool
    public let seed: UInt64
    /// The current epoch's order; set by `prepare(epoch:)`, the identity before the first call.
    public private(set) var indices: [Int32]

    /// An order over `count` samples; `batchSize` must be at least 1 (the compiler checks it).
    public init(count: Int, batchSize: Int, shuffle: Bool, seed: UInt64) {
        precondition(count >= 0 && count <= Int(Int32.max), "sample count \(count) outside 0...Int32.max")
        precondition(batchSize >= 1, "batch size \(batchSize) below 1")
        self.count = count
        self.batchSize = batchSize
        self.shuffle = shuffle
        self.seed = seed
        indices = (0..<Int32(count)).map { $0 }
    }

    /// Batches per epoch, the last one partial: ceil(count / batchSize), 235 for 60000 at 256.
    public var batchCount: Int { (count + batchSize - 1) / batchSize }

    /// Rearranges `indices` for `epoch` (0-based), in place: no allocation after `init`.
    public mutating func prepare(epoch: Int) {
        let random = shuffle ? Self.random(seed: seed, epoch: epoch) : nil
        indices.withUnsafeMutableBufferPointer { order in
            for i in order.indices { order[i] = Int32(i) }
            guard var random else { return }
            // `SeededRandom.shuffle`'s Fisher-Yates, the same draws in the same order, over the buffer: the
            // generic one is not specialised across modules and took 11 ms per MNIST epoch, this one about 1.
            var i = order.count - 1
            while i > 0 {
                order.swapAt(i, random.below(i + 1))
                i -= 1
            }
        }
    }

    /// Positions in `indices` of batch `batch` (0-based): `batchSize` of them, fewer in the last batch.
    public func range(ofBatch batch: Int) -> Range<Int> {
        precondition(batch >= 0 && batch < batchCount, "batch \(batch) outside 0..<\(batchCount)")
        return batch * batchSize..<min((batch + 1) * batchSize, count)
    }

    /// Calls `body` with the sample indices of batch `batch`, ready for `BatchSource.gather`.
    public func withBatch<R>(_ batch: Int, _ body: (UnsafeBufferPointer<Int32>) throws -> R) rethrows -> R {
        let range = range(ofBatch: batch)
        return try indices.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Epoch `epoch`'s order as a new array: the same as `prepare(epoch:)` leaves in `indices`.
    static func order(count: Int, shuffle: Bool, seed: UInt64, epoch: Int) -> [Int32] {
        guard shuffle else { return (0..<Int32(count)).map { $0 } }
        var random = random(seed: seed, epoch: epoch)
        return random.permutation(count)
    }

    private static func random(seed: UInt64, epoch: Int) -> SeededRandom {
        precondition(epoch >= 0 && epoch < 1 << 32, "epoch \(epoch) outside 0..<2^32")
        return SeededRandom(seed: seed, streamNumber: SeededRandom.Stream.shuffle.rawValue << 32 + UInt64(epoch))
    }
}
