import XCTest
import SeededRandom
import TestSupport
@testable import NeuralNetwork
import ModelKinds

/// The Dense layer's weight, bias and input gradients, and a whole two-layer model's, against central
/// differences. The layer computes in Float through sgemm, so these checks run in Float; each tolerance says why.
final class DenseTests: XCTestCase {
    func randomFloats(_ count: Int, seed: UInt64, stream: UInt64) -> [Float] {
        var random = SeededRandom(seed: seed, streamNumber: stream)
        return (0..<count).map { _ in Float(2 * random.unitDouble() - 1) }
    }

    /// `L = sum(Y * dout)` for a Dense layer, with its gradients from `backward`.
    func checkDense(activation: Activation, useBias: Bool, step: Double, tolerance: Double) throws {
        let rows = 5, inputWidth = 4, units = 3
        var layout = ParameterLayout()
        let layer = Dense(inputWidth: inputWidth, spec: DenseSpec(units: units, activation: activation, useBias: useBias), layout: &layout)
        let parameters = Parameters(count: layout.count)
        var random = SeededRandom(seed: 7, stream: .initialization)
        layer.initialize(parameters, random: &random)
        if let bias = layer.bias {  // non-zero biases, so their gradient path is exercised
            for i in bias.range { parameters.values[i] = Float(i % 3) * 0.1 - 0.1 }
        }
        var input = randomFloats(rows * inputWidth, seed: 1, stream: 1)
        let dout = randomFloats(rows * units, seed: 1, stream: 2)
        let buffers = layer.makeBuffers(maxRows: rows, keepPreActivation: false)

        func loss() -> Double {
            layer.forward(input, rows: rows, parameters: parameters, buffers: buffers, training: true)
            return (0..<(rows * units)).reduce(0.0) { $0 + Double(buffers.output[$1]) * Double(dout[$1]) }
        }
        _ = loss()
        buffers.outputGradient.update(from: dout, count: dout.count)
        var inputGradient = [Float](repeating: 0, count: input.count)
        layer.backward(input, rows: rows, parameters: parameters, buffers: buffers,
                       gradientIsPreActivation: false, inputGradient: &inputGradient)

        let weightNumeric = GradientCheck.centralDifferences(
            count: parameters.count, step: step, nudge: { parameters.values[$0] += Float($1) }, loss: loss)
        let weightBad = GradientCheck.mismatches(
            analytic: parameters.gradients.map(Double.init), numeric: weightNumeric, tolerance: tolerance)
        XCTAssertTrue(weightBad.isEmpty, "\(activation) bias \(useBias) parameters: \(weightBad)")

        let inputNumeric = GradientCheck.centralDifferences(
            count: input.count, step: step, nudge: { input[$0] += Float($1) }, loss: loss)
        let inputBad = GradientCheck.mismatches(
            analytic: inputGradient.map(Double.init), numeric: inputNumeric, tolerance: tolerance)
        XCTAssertTrue(inputBad.isEmpty, "\(activation) bias \(useBias) input: \(inputBad)")
    }

    func testLinearDenseGradients() throws {
        // L is linear in every weight, bias and input, so central differences are exact for any step:
        // a large h = 0.5 leaves only Float rounding, ~1e-7 * |L| / h, well inside 1e-4.
        try checkDense(activation: .linear, useBias: true, step: 0.5, tolerance: 1e-4)
        try checkDense(activation: .linear, useBias: false, step: 0.5, tolerance: 1e-4)
    }

    func testNonlinearDenseGradients() throws {
        // Smooth activations through the layer: h = 1e-2 balances Float rounding (~1e-7 / h = 1e-5)
        // against truncation (~h^2 f''' ~ 1e-4); 1e-3 sits above both.
        for activation: Activation in [.tanh, .sigmoid, .softmax, .gelu, .swish, .softplus] {
            try checkDense(activation: activation, useBias: true, step: 1e-2, tolerance: 1e-3)
        }
    }

    /// Every parameter's gradient of a two-layer model's mean loss, as a TrainingSession computes it.
    func checkSequential(hidden: Activation, output: Activation, loss: Loss, classes: Int) throws {
        let rows = 6, width = 5
        let model = try Sequential(
            inputWidth: width,
            layers: [DenseSpec(units: 4, activation: hidden, biasInitializer: .ones),
                     DenseSpec(units: classes, activation: output)],
            seed: 3)
        // Learning rate 0 leaves the weights alone and the gradients in place for inspection.
        let session = try TrainingSession(
            model: model, loss: loss, optimizer: makeOptimizer(.sgd(.init(learningRate: 0)), parameterCount: model.parameterCount),
            maxBatchSize: rows)
        let input = randomFloats(rows * width, seed: 2, stream: 1)
        var random = SeededRandom(seed: 2, streamNumber: 3)
        let labels = (0..<rows).map { _ in Int32(random.below(classes == 1 ? 2 : classes)) }
        _ = session.trainStep(input: input, labels: labels, rows: rows)
        let analytic = model.parameters.gradients.map(Double.init)

        let numeric = GradientCheck.centralDifferences(
            count: model.parameterCount, step: 1e-2, nudge: { model.parameters.values[$0] += Float($1) },
            loss: { session.evaluateStep(input: input, labels: labels, rows: rows) })
        // Float forward passes: h = 1e-2 keeps rounding (~1e-7 * L / h) near 1e-5 and truncation near 1e-4.
        let bad = GradientCheck.mismatches(analytic: analytic, numeric: numeric, tolerance: 2e-3)
        XCTAssertTrue(bad.isEmpty, "\(hidden) -> \(output), \(loss): \(bad)")
    }

    func testSequentialSoftmaxCrossEntropyGradients() throws {
        // The fused path: the loss reads the last layer's logits.
        try checkSequential(hidden: .tanh, output: .softmax, loss: Loss(.sparseCategoricalCrossentropy), classes: 3)
        try checkSequential(hidden: .sigmoid, output: .softmax, loss: Loss(.categoricalCrossentropy), classes: 3)
    }

    func testSequentialSigmoidBinaryCrossEntropyGradients() throws {
        try checkSequential(hidden: .tanh, output: .sigmoid, loss: Loss(.binaryCrossentropy), classes: 1)
    }

    func testSequentialUnfusedLossGradients() throws {
        // The loss on the outputs, then the activation's own backward.
        try checkSequential(hidden: .elu, output: .linear, loss: Loss(.sparseCategoricalCrossentropy, fromLogits: true), classes: 3)
        try checkSequential(hidden: .tanh, output: .sigmoid, loss: Loss(.meanSquaredError), classes: 3)
        try checkSequential(hidden: .softplus, output: .softmax, loss: Loss(.binaryCrossentropy), classes: 3)
    }
}
