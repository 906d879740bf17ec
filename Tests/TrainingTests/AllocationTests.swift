#if os(Linux)
import CAllocationCounter
import Datasets
import ExperimentCompiler
import NeuralNetwork
import Training
import XCTest

/// Nothing allocates per step: training steps, evaluation batches and prediction batches make no heap allocation.
///
/// What it measures: the number of calls of malloc, calloc, realloc and the aligned allocators made by any
/// thread while a fit, an evaluation or a prediction runs (`CAllocationCounter` interposes them). Each pass
/// runs twice, over `shortSteps` and over `longSteps` batches of the same model, and the test asserts the two
/// counts are equal: what a call allocates once (its buffers, the epoch's logs, the output array) cancels
/// out, and what remains is per-step allocation times `longSteps - shortSteps`.
///
/// Why it can fail: one `Array` made per step adds 300 to the difference (checked by putting
/// `_ = [Int](repeating: 0, count: rows)` into `Trainer.fit`'s step loop); a block freed in the step that
/// made it is counted too, where `mallinfo2().uordblks` (bytes in use) would not move. The counter itself
/// is checked first, so a build where interposition silently fails cannot pass with zeros.
final class AllocationTests: XCTestCase {
    static let batchSize = 8, shortSteps = 20, longSteps = 320

    /// Heap allocations made while `body` runs, by any thread.
    func allocations(_ body: () throws -> Void) rethrows -> Int {
        let before = allocation_count()
        try body()
        return Int(allocation_count() - before)
    }

    /// A small model with dropout (its masks are drawn per step) and RMSprop, and batches of `batchSize`.
    func trainer() throws -> (Trainer, ModelBuilder) {
        let experiment = try TrainingFixtures.experiment([
            "model.layers=[{dense: 32, activation: relu}, {dropout: 0.25}, {dense: 10, activation: softmax}]",
            "fit.batch_size=\(Self.batchSize)",
        ])
        let builder = ModelBuilder(experiment)
        return (try builder.trainer(inputWidth: 784), builder)
    }

    /// The first `steps` batches of the MNIST training set.
    func source(steps: Int, _ builder: ModelBuilder) -> BatchSource {
        TrainingFixtures.mnist.train.slice(0..<steps * Self.batchSize).preprocessed(builder.preprocessing)
    }

    /// Runs `pass` once to warm up, then over the short and the long source, and returns the counts.
    func counts(_ builder: ModelBuilder, _ pass: (BatchSource) throws -> Void) rethrows -> (short: Int, long: Int) {
        let short = source(steps: Self.shortSteps, builder), long = source(steps: Self.longSteps, builder)
        try pass(short)
        return (try allocations { try pass(short) }, try allocations { try pass(long) })
    }

    func testTheCounterSeesAnAllocation() {
        var kept: [[Int]] = []
        let counted = allocations { for n in 1...10 { kept.append([Int](repeating: n, count: 100 + n)) } }
        XCTAssertGreaterThanOrEqual(counted, 10, "malloc is not interposed, so every count below would be 0")
        XCTAssertEqual(kept.count, 10)
    }

    func testFitAllocatesNothingPerStep() throws {
        let (trainer, builder) = try trainer()
        let (short, long) = try counts(builder) { train in
            _ = try trainer.fit(train, validation: nil, epochs: 1, shuffle: true, seed: 3) { _ in }
        }
        XCTAssertEqual(long, short, "\(long - short) allocations in \(Self.longSteps - Self.shortSteps) more steps")
    }

    func testEvaluateAllocatesNothingPerBatch() throws {
        let (trainer, builder) = try trainer()
        let (short, long) = counts(builder) { data in _ = trainer.evaluate(data) }
        XCTAssertEqual(long, short, "\(long - short) allocations in \(Self.longSteps - Self.shortSteps) more batches")
    }

    func testPredictAllocatesNothingPerBatch() throws {
        let (trainer, builder) = try trainer()
        let (short, long) = counts(builder) { data in _ = trainer.predict(data) }
        XCTAssertEqual(long, short, "\(long - short) allocations in \(Self.longSteps - Self.shortSteps) more batches")
    }

    func testSequentialPredictAllocatesNothingPerBatch() throws {
        let (trainer, _) = try trainer()
        let model = trainer.model
        func inputs(_ steps: Int) -> [Float] {
            (0..<steps * Self.batchSize * model.inputWidth).map { Float($0 % 255) / 255 }
        }
        let short = inputs(Self.shortSteps), long = inputs(Self.longSteps)
        func predict(_ x: [Float]) { _ = model.predict(x, rows: x.count / model.inputWidth, batchSize: Self.batchSize) }
        predict(short)
        let counted = (short: allocations { predict(short) }, long: allocations { predict(long) })
        XCTAssertEqual(counted.long, counted.short,
                       "\(counted.long - counted.short) allocations in \(Self.longSteps - Self.shortSteps) more batches")
    }
}
#endif
