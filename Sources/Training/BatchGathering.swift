import Datasets
import NeuralNetwork

/// A batch gathered on the worker pool: fixed chunks of `rowsPerTask` rows, each task converting its rows
/// into its own part of the batch buffers. Every row is converted alone, so the bits are those of one
/// serial `BatchSource.gather`, whatever the thread count.
///
/// Why: gathering a shuffled batch is cache misses on rows in random order (about 35 ms of an epoch on the
/// seed experiment), serial work that left the other threads idle at every step.
struct BatchGathering: PoolJob {
    /// 32 rows of 784 pixels: 25 KB of bytes in, 100 KB of floats out per task, 8 tasks for a batch of 256.
    static let rowsPerTask = 32

    let source: BatchSource
    let indices: UnsafeBufferPointer<Int32>
    let images: UnsafeMutablePointer<Float>
    let labels: UnsafeMutablePointer<Int32>

    /// Gathers the samples at `indices` of `source` into `images` and `labels`, as `BatchSource.gather` does.
    static func gather(_ source: BatchSource, indices: UnsafeBufferPointer<Int32>,
                       images: UnsafeMutablePointer<Float>, labels: UnsafeMutablePointer<Int32>) {
        let job = BatchGathering(source: source, indices: indices, images: images, labels: labels)
        WorkerPool.shared.run(tasks: (indices.count + rowsPerTask - 1) / rowsPerTask, job)
    }

    func run(task: Int) {
        let start = task * Self.rowsPerTask, end = min(indices.count, start + Self.rowsPerTask)
        source.gather(indices: UnsafeBufferPointer(rebasing: indices[start..<end]),
                      images: images + start * source.featureCount, labels: labels + start)
    }
}
