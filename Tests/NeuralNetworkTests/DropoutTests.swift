import XCTest
import SeededRandom
import TestSupport
@testable import NeuralNetwork
import ModelKinds

/// Inverted dropout: identity at evaluation, the kept fraction and scale in training, and its gradient.
final class DropoutTests: XCTestCase {
    func randomFloats(_ count: Int, seed: UInt64, stream: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed, streamNumber: stream)
        return (0..<count).map { _ in Float(2 * random.unitDouble() - 1) }
    }

    func testEvaluationIsDeterministicAndEqualsTheModelWithoutDropout() throws {
        let rows = 7, width = 6
        let dense = [DenseSpec(units: 5, activation: .relu), DenseSpec(units: 3, activation: .softmax)]
        let plain = try Sequential(inputWidth: width, layers: dense, seed: 11)
        let dropped = try Sequential(
            inputWidth: width, layers: [.dropout(DropoutSpec(rate: 0.2)), .dense(dense[0]), .dropout(DropoutSpec(rate: 0.5)), .dense(dense[1])],
            seed: 11)
        XCTAssertEqual(Array(plain.parameters.values), Array(dropped.parameters.values), "dropout draws nothing at initialisation")
        let input = randomFloats(rows * width, seed: 3, stream: 1)
        func predict(_ model: Sequential) throws -> [Float] {
            let session = try TrainingSession(model: model, loss: Loss(.sparseCategoricalCrossentropy),
                                              optimizer: makeOptimizer(.sgd(.init()), parameterCount: model.parameterCount), maxBatchSize: rows)
            session.predictStep(input: input, rows: rows)
            return Array(session.output)
        }
        let session = try TrainingSession(model: dropped, loss: Loss(.sparseCategoricalCrossentropy),
                                          optimizer: makeOptimizer(.sgd(.init(learningRate: 0)), parameterCount: dropped.parameterCount), maxBatchSize: rows)
        session.predictStep(input: input, rows: rows)
        let first = Array(session.output)
        // A training step in between advances the mask generator; evaluation must not depend on it.
        _ = session.trainStep(input: input, labels: [0, 1, 2, 0, 1, 2, 0], rows: rows)
        session.predictStep(input: input, rows: rows)
        XCTAssertEqual(first, Array(session.output))
        XCTAssertEqual(first, try predict(plain), "bit for bit: evaluation skips the layer")
    }

    func testKeptFractionAndScaleMatchTheRate() {
        for rate in [0.1, 0.5, 0.8] {
            let rows = 200, width = 100, n = Double(rows * width)
            let layer = Dropout(inputWidth: width, spec: DropoutSpec(rate: rate), index: 0, modelSeed: 5)
            let buffers = layer.makeBuffers(maxRows: rows, keepPreActivation: false)
            let ones = [Float](repeating: 1, count: rows * width)
            let parameters = Parameters(count: 0)
            layer.forward(ones, rows: rows, parameters: parameters, buffers: buffers, training: true)
            let output = UnsafeBufferPointer(start: buffers.output, count: rows * width)
            let kept = output.filter { $0 != 0 }
            // Binomial: the kept fraction's standard deviation is sqrt(p (1 - p) / n) <= 0.0035 for n = 20,000;
            // 0.02 is more than 5 of them, so a correct layer fails this about once in ten million seeds.
            XCTAssertEqual(Double(kept.count) / n, 1 - rate, accuracy: 0.02, "rate \(rate)")
            XCTAssertTrue(kept.allSatisfy { $0 == 1 / (1 - Float(rate)) }, "kept units are scaled by 1 / (1 - rate)")
            layer.forward(ones, rows: rows, parameters: parameters, buffers: buffers, training: false)
            XCTAssertTrue(UnsafeBufferPointer(start: buffers.output, count: rows * width).allSatisfy { $0 == 1 })
        }
    }

    /// The mask compares the uniform's integer with `rate * 2^24` rounded up instead of converting it: every
    /// value must be the one `unitFloat() < rate` gives, chunk by chunk from each chunk's own stream, for rates
    /// whose `rate * 2^24` is a whole number (0.5) and not (0.1, 0.3, a Float-rounded 0.2).
    func testMaskIsTheUnitFloatRuleExactly() {
        for rate in [0.5, 0.1, 0.3, Double(Float(0.2))] {
            let rows = 40, width = 33
            let layer = Dropout(inputWidth: width, spec: DropoutSpec(rate: rate), index: 2, modelSeed: 7)
            var stream = layer.random
            let stepSeed = stream.next()
            let buffers = layer.makeBuffers(maxRows: rows, keepPreActivation: false)
            layer.forward([Float](repeating: 1, count: rows * width), rows: rows, parameters: Parameters(count: 0),
                          buffers: buffers, training: true)
            let chunks = SampleChunks(rows: rows)
            var expected: [Float] = []
            for chunk in 0..<chunks.count {
                var random = SeededRandom(seed: stepSeed, streamNumber: UInt64(chunk))
                expected += (0..<(chunks[chunk].count * width)).map { _ in
                    random.unitFloat() < Float(rate) ? 0 : 1 / (1 - Float(rate))
                }
            }
            XCTAssertEqual(Array(UnsafeBufferPointer(start: buffers.output, count: rows * width)), expected, "rate \(rate)")
        }
    }

    func testLayersDrawFromTheirOwnStreams() {
        let a = Dropout(inputWidth: 4, spec: DropoutSpec(rate: 0.5), index: 1, modelSeed: 9)
        let b = Dropout(inputWidth: 4, spec: DropoutSpec(rate: 0.5), index: 3, modelSeed: 9)
        let c = Dropout(inputWidth: 4, spec: DropoutSpec(rate: 0.5, seed: 9), index: 1, modelSeed: 1)
        var (ra, rb, rc) = (a.random, b.random, c.random)
        var expected = SeededRandom(seed: 9, streamNumber: 3 << 32 + 1)
        let first = ra.next()
        XCTAssertEqual(first, expected.next(), "the dropout stream (3) above the named ones, plus the layer's index")
        XCTAssertNotEqual(first, rb.next(), "another layer, another stream")
        XCTAssertEqual(first, rc.next(), "a layer's own seed replaces the model's")
    }

    /// `L = sum(Y * dout)` through the layer, the mask replayed for every evaluation.
    func testGradientThroughAFixedMask() {
        let rows = 4, width = 5
        let layer = Dropout(inputWidth: width, spec: DropoutSpec(rate: 0.4), index: 0, modelSeed: 2)
        let buffers = layer.makeBuffers(maxRows: rows, keepPreActivation: false)
        let parameters = Parameters(count: 0)
        var input = randomFloats(rows * width, seed: 4, stream: 1)
        let dout = randomFloats(rows * width, seed: 4, stream: 2)
        let start = layer.random
        func loss() -> Double {
            layer.random = start
            layer.forward(input, rows: rows, parameters: parameters, buffers: buffers, training: true)
            return (0..<(rows * width)).reduce(0.0) { $0 + Double(buffers.output[$1]) * Double(dout[$1]) }
        }
        _ = loss()
        let mask = Array(UnsafeBufferPointer(start: buffers.mask!, count: rows * width))
        XCTAssertTrue(mask.contains(0) && mask.contains(1 / 0.6), "both kinds of unit occur: \(mask)")
        buffers.outputGradient.update(from: dout, count: dout.count)
        var gradient = [Float](repeating: 0, count: input.count)
        layer.backward(input, rows: rows, parameters: parameters, buffers: buffers,
                       gradientIsPreActivation: false, inputGradient: &gradient)
        // L is linear in the input for a fixed mask: central differences are exact up to Float rounding.
        let numeric = GradientCheck.centralDifferences(
            count: input.count, step: 0.5, nudge: { input[$0] += Float($1) }, loss: loss)
        let bad = GradientCheck.mismatches(analytic: gradient.map(Double.init), numeric: numeric, tolerance: 1e-4)
        XCTAssertTrue(bad.isEmpty, "\(bad)")
    }
}
