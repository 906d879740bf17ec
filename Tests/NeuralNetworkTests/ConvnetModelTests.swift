import XCTest
import SeededRandom
import TestSupport
@testable import NeuralNetwork
import ModelKinds

/// A whole convnet: Keras' names and layouts for its tensors (batch normalization's moving statistics
/// among them, loaded back with the weights), flatten as a view, and every parameter's gradient of the mean
/// loss as a TrainingSession computes it.
final class ConvnetModelTests: XCTestCase {
    func model(seed: UInt64) throws -> Sequential {
        try Sequential(input: .image(height: 6, width: 5, channels: 2), layers: [
            .conv2D(Conv2DSpec(filters: 3, kernelSize: Size2D(3, 2), activation: .tanh)),
            .batchNormalization(BatchNormalizationSpec(momentum: 0.5)),
            .maxPooling2D(Pooling2DSpec(poolSize: .square(2), padding: .same)),
            .conv2D(Conv2DSpec(filters: 2, kernelSize: .square(1), useBias: false)),
            .flatten,
            .dense(DenseSpec(units: 3, activation: .softmax)),
        ], seed: seed)
    }

    func testNamesShapesAndStateFollowKeras() throws {
        let m = try model(seed: 1)
        XCTAssertEqual(m.outputShapes, [.image(height: 4, width: 4, channels: 3), .image(height: 4, width: 4, channels: 3),
                                        .image(height: 2, width: 2, channels: 3), .image(height: 2, width: 2, channels: 2),
                                        .vector(8), .vector(3)])
        let tensors = m.weightTensors
        XCTAssertEqual(tensors.map(\.name), ["conv2d.kernel", "conv2d.bias", "batch_normalization.gamma", "batch_normalization.beta",
                                             "batch_normalization.moving_mean", "batch_normalization.moving_variance",
                                             "conv2d_1.kernel", "dense.kernel", "dense.bias"])
        XCTAssertEqual(tensors.map(\.shape), [[3, 2, 2, 3], [3], [3], [3], [3], [3], [1, 1, 3, 2], [8, 3], [3]])
        // Trainable parameters only: the moving statistics are not in the optimizer's buffer.
        XCTAssertEqual(m.parameterCount, 3 * 2 * 2 * 3 + 3 + 3 + 3 + 3 * 2 + 8 * 3 + 3)
        XCTAssertEqual(tensors[5].values, [1, 1, 1])
    }

    func testLoadingRestoresWeightsAndMovingStatistics() throws {
        let (a, b) = (try model(seed: 1), try model(seed: 2))
        let x = randomDoubles(3 * a.inputWidth, seed: 5, stream: 1).map(Float.init)
        // A training step moves a's moving statistics; inference then depends on them.
        let session = try TrainingSession(model: a, loss: Loss(.sparseCategoricalCrossentropy),
                                          optimizer: makeOptimizer(.sgd(.init(learningRate: 0.1)), parameterCount: a.parameterCount),
                                          maxBatchSize: 3)
        _ = session.trainStep(input: x, labels: [0, 1, 2], rows: 3)
        XCTAssertNotEqual(a.weightTensors[4].values, [0, 0, 0])
        try b.load(a.weightTensors)
        XCTAssertEqual(b.weightTensors, a.weightTensors)
        XCTAssertEqual(a.predict(x, rows: 3, batchSize: 2), b.predict(x, rows: 3, batchSize: 2))
    }

    /// Every trainable parameter's gradient of the batch's mean loss. The forward pass runs in Float (sgemm),
    /// so as for Dense: h = 1e-2 keeps rounding near 1e-5 and truncation near 1e-4, 2e-3 above both. Batch
    /// normalization's training statistics depend on every sample, so the loss is taken in training mode
    /// (`computeGradients`); there is no dropout to make it random.
    func testWholeModelGradients() throws {
        let m = try model(seed: 3), rows = 10
        let session = try TrainingSession(model: m, loss: Loss(.sparseCategoricalCrossentropy), optimizer: nil, maxBatchSize: rows)
        let x = randomDoubles(rows * m.inputWidth, seed: 6, stream: 1).map(Float.init)
        var random = SeededRandom(seed: 6, streamNumber: 2)
        let labels = (0..<rows).map { _ in Int32(random.below(3)) }
        session.computeGradients(input: x, labels: labels, rows: rows)
        let analytic = m.parameters.gradients.map(Double.init)
        let numeric = GradientCheck.centralDifferences(
            count: m.parameterCount, step: 1e-2, nudge: { m.parameters.values[$0] += Float($1) },
            loss: { session.computeGradients(input: x, labels: labels, rows: rows) })
        XCTAssertEqual(GradientCheck.mismatches(analytic: analytic, numeric: numeric, tolerance: 2e-3).map(\.description), [])
    }

    /// Max pooling after a relu convolution applies the relu in its own training forward and backward
    /// (`ChunkedStages.poolAppliesRelu`): the pooled values, the logits and every parameter gradient must be,
    /// bit for bit, what the layers give one by one, relu and pooling apart (eight-channel lanes and the scalar path).
    /// Half the pre-activations are negative, so many windows pool a 0 and their gradients must stop there.
    func testReluFusedIntoMaxPoolingGivesTheLayersOwnBits() throws {
        let m = try Sequential(input: .image(height: 9, width: 9, channels: 2), layers: [
            .conv2D(Conv2DSpec(filters: 8, kernelSize: .square(3), activation: .relu)),
            .maxPooling2D(Pooling2DSpec()),
            .conv2D(Conv2DSpec(filters: 3, kernelSize: .square(2), activation: .relu)),
            .maxPooling2D(Pooling2DSpec(poolSize: .square(2), strides: .square(1), padding: .same)),
            .flatten,
            .dense(DenseSpec(units: 3, activation: .softmax)),
        ], seed: 4)
        XCTAssertEqual(ChunkedStages(m.layers).poolAppliesRelu, [false, true, false, true, false, false])
        let rows = 37  // three chunks, the last one short
        let x = randomDoubles(rows * m.inputWidth, seed: 8, stream: 1).map(Float.init)
        let buffers = m.makeBuffers(maxRows: rows, keepLastPreActivation: true)
        m.forward(x, rows: rows, into: buffers, training: true)
        let last = buffers[buffers.count - 1], dLogits = randomDoubles(rows * 3, seed: 8, stream: 2).map(Float.init)
        last.outputGradient.update(from: dLogits, count: dLogits.count)
        m.backward(x, rows: rows, buffers: buffers, lastGradientIsPreActivation: true)
        let fused = Array(m.parameters.gradients)
        let fusedPooled = [1, 3].map { Array(UnsafeBufferPointer(start: buffers[$0].output, count: rows * m.layers[$0].outputWidth)) }
        let fusedLogits = Array(UnsafeBufferPointer(start: last.preActivation, count: rows * 3))
        m.parameters.gradients.update(repeating: .nan)
        // Backward overwrites a convolution's packed windows with their gradients: forward again (no dropout, so
        // the same values), then backward, both layer by layer.
        x.withUnsafeBufferPointer { input in
            for index in m.layers.indices {
                m.layers[index].forward(index == 0 ? input.baseAddress! : UnsafePointer(buffers[index - 1].output), rows: rows,
                                        parameters: m.parameters, buffers: buffers[index], training: true)
            }
        }
        XCTAssertEqual(fusedPooled.map { $0.map(\.bitPattern) },
                       [1, 3].map { Array(UnsafeBufferPointer(start: buffers[$0].output, count: rows * m.layers[$0].outputWidth)).map(\.bitPattern) })
        XCTAssertEqual(fusedLogits.map(\.bitPattern), Array(UnsafeBufferPointer(start: last.preActivation, count: rows * 3)).map(\.bitPattern))
        last.outputGradient.update(from: dLogits, count: dLogits.count)
        x.withUnsafeBufferPointer { input in
            for index in m.layers.indices.reversed() {
                m.layers[index].backward(
                    index == 0 ? input.baseAddress! : UnsafePointer(buffers[index - 1].output), rows: rows, parameters: m.parameters,
                    buffers: buffers[index], gradientIsPreActivation: index == m.layers.count - 1,
                    inputGradient: index == 0 ? nil : buffers[index - 1].outputGradient)
            }
        }
        XCTAssertEqual(fused.map(\.bitPattern), Array(m.parameters.gradients).map(\.bitPattern))
        XCTAssertTrue(fused.contains { $0 != 0 })
    }
}
