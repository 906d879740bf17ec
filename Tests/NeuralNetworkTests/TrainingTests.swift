import XCTest
import SeededRandom
@testable import NeuralNetwork
import ModelKinds

/// A small model learns a separable toy problem: three Gaussian blobs in the plane.
final class TrainingTests: XCTestCase {
    func blobs(count: Int, seed: UInt64) -> (input: [Float], labels: [Int32]) {
        var random = SeededRandom(seed: seed, stream: .shuffle)
        let centres: [(Double, Double)] = [(-2, 0), (2, 0), (0, 2.5)]
        var input: [Float] = [], labels: [Int32] = []
        for _ in 0..<count {
            let label = random.below(3)
            input.append(Float(centres[label].0 + 0.5 * random.normal()))
            input.append(Float(centres[label].1 + 0.5 * random.normal()))
            labels.append(Int32(label))
        }
        return (input, labels)
    }

    func train(_ config: OptimizerSpec, seed: UInt64, steps: Int) throws -> (first: Double, last: Double, accuracy: Double, weights: [Float]) {
        let batch = 32
        let data = blobs(count: batch * 10, seed: 1)
        let model = try Sequential(
            inputWidth: 2, layers: [DenseSpec(units: 16, activation: .relu), DenseSpec(units: 3, activation: .softmax)], seed: seed)
        let session = try TrainingSession(
            model: model, loss: Loss(.sparseCategoricalCrossentropy),
            optimizer: makeOptimizer(config, parameterCount: model.parameterCount), maxBatchSize: batch)
        let first = session.evaluateStep(input: data.input, labels: data.labels, rows: batch)
        for step in 0..<steps {
            let offset = (step % 10) * batch
            _ = session.trainStep(input: Array(data.input[(offset * 2)..<((offset + batch) * 2)]),
                                  labels: Array(data.labels[offset..<(offset + batch)]), rows: batch)
        }
        let last = session.evaluateStep(input: data.input, labels: data.labels, rows: batch)
        var correct = 0
        for row in 0..<batch {
            let p = session.output[(row * 3)..<(row * 3 + 3)]
            if p.firstIndex(of: p.max()!)! - row * 3 == Int(data.labels[row]) { correct += 1 }
        }
        return (first, last, Double(correct) / Double(batch), Array(model.parameters.values))
    }

    func testLearnsSeparableBlobs() throws {
        for config: OptimizerSpec in [.rmsprop(.init(learningRate: 0.01)), .adam(.init(learningRate: 0.01)), .sgd(.init(learningRate: 0.1, momentum: 0.9))] {
            let result = try train(config, seed: 42, steps: 300)
            XCTAssertLessThan(result.last, 0.2 * result.first, "\(config): \(result.first) -> \(result.last)")
            XCTAssertGreaterThanOrEqual(result.accuracy, 0.95, "\(config)")
        }
    }

    func testSameSeedSameRunOtherSeedOtherRun() throws {
        let a = try train(.rmsprop(.init()), seed: 7, steps: 20)
        let b = try train(.rmsprop(.init()), seed: 7, steps: 20)
        let c = try train(.rmsprop(.init()), seed: 8, steps: 20)
        XCTAssertEqual(a.weights, b.weights)
        XCTAssertEqual(a.last, b.last)
        XCTAssertNotEqual(a.weights, c.weights)
    }
}
