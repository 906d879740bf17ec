import XCTest
import ModelKinds
@testable import NeuralNetwork

/// `Sequential.forward`, the one loop behind training steps, evaluation, prediction and the divergence report.
final class SequentialForwardTests: XCTestCase {
    let rows = 3

    func model() throws -> Sequential {
        try Sequential(inputWidth: 4, layers: [
            .dense(DenseSpec(units: 5, activation: .relu)), .dropout(DropoutSpec(rate: 0.5)),
            .dense(DenseSpec(units: 2, activation: .softmax)),
        ], seed: 9)
    }

    let input: [Float] = (0..<12).map { Float($0) / 6 - 1 }

    func testObserverSeesEveryLayerAndTheLastIsWhatPredictAndTheSessionGive() throws {
        let model = try model()
        let buffers = model.makeBuffers(maxRows: rows)
        var seen: [(Int, [Float])] = []
        let last = input.withUnsafeBufferPointer { x in
            Array(model.forward(x.baseAddress!, rows: rows, into: buffers, training: false) { layer, output in
                seen.append((layer, Array(output)))
                return true
            })
        }
        XCTAssertEqual(seen.map(\.0), [0, 1, 2])
        XCTAssertEqual(seen.map(\.1.count), [15, 15, 6])
        XCTAssertEqual(seen[1].1, seen[0].1, "dropout passes its input through in inference mode")
        XCTAssertEqual(last, seen[2].1)
        XCTAssertEqual(model.predict(input, rows: rows, batchSize: rows), last, "bit for bit")
        let session = try TrainingSession(model: model, loss: Loss(.sparseCategoricalCrossentropy),
                                          optimizer: makeOptimizer(.sgd(.init()), parameterCount: model.parameterCount),
                                          maxBatchSize: rows)
        input.withUnsafeBufferPointer { session.predictStep(input: $0.baseAddress!, rows: rows) }
        XCTAssertEqual(Array(session.output), last, "bit for bit")
    }

    func testAnObserverThatReturnsFalseStopsThePass() throws {
        let model = try model()
        let buffers = model.makeBuffers(maxRows: rows)
        var layers: [Int] = []
        let stopped = input.withUnsafeBufferPointer { x in
            model.forward(x.baseAddress!, rows: rows, into: buffers, training: false) { layer, _ in
                layers.append(layer)
                return layer < 1
            }
        }
        XCTAssertEqual(layers, [0, 1])
        XCTAssertEqual(stopped.baseAddress, UnsafePointer(buffers[1].output), "the output where the pass stopped")
        XCTAssertEqual(Array(UnsafeBufferPointer(start: buffers[2].output, count: rows * 2)), [Float](repeating: 0, count: rows * 2),
                       "the last layer never ran")
    }

    func testTheLastLayerKeepsItsLogitsOnlyWhenAsked() throws {
        let model = try model()
        let plain = model.makeBuffers(maxRows: rows), logits = model.makeBuffers(maxRows: rows, keepLastPreActivation: true)
        XCTAssertEqual(plain[2].preActivation, plain[2].output, "softmax works in place")
        XCTAssertNotEqual(logits[2].preActivation, logits[2].output)
        XCTAssertEqual(logits[0].preActivation, logits[0].output, "only the last layer's are kept")
    }
}
