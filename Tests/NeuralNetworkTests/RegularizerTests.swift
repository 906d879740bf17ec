import XCTest
import SeededRandom
import TestSupport
@testable import NeuralNetwork
import ModelKinds

/// Kernel penalties: Keras 3's formula by hand, their place in the loss, and the gradient of a whole model
/// with dropout and penalties against central differences.
final class RegularizerTests: XCTestCase {
    func testPenaltyAndGradientByHand() {
        // l1 * sum|w| + l2 * sum w^2 = 0.1 * 6 + 0.01 * 14 = 0.74 (no 1/2 on the L2 term, as Keras 3).
        let weights: [Float] = [1, -2, 0, 3]
        var gradients: [Float] = [1, 1, 1, 1]
        let penalty = Regularizer(l1: 0.1, l2: 0.01).apply(weights, count: 4, gradients: &gradients)
        XCTAssertEqual(penalty, 0.74, accuracy: 1e-12)
        // 1 + l1 * sign(w) + 2 * l2 * w; sign(0) = 0.
        let expected: [Float] = [1 + 0.1 + 0.02, 1 - 0.1 - 0.04, 1, 1 + 0.1 + 0.06]
        for (g, e) in zip(gradients, expected) { XCTAssertEqual(g, e, accuracy: 1e-6) }
        XCTAssertEqual(Regularizer(l2: 1e-4).apply(weights, count: 4, gradients: nil), 14e-4, accuracy: 1e-15)
    }

    func testPenaltyJoinsTrainingAndEvaluationLossButNotTheBias() throws {
        let rows = 4, width = 3
        let plainSpecs = [DenseSpec(units: 4, activation: .tanh, biasInitializer: .ones), DenseSpec(units: 2, activation: .softmax)]
        var penalised = plainSpecs
        penalised[0].kernelRegularizer = Regularizer(l2: 0.5)
        penalised[1].kernelRegularizer = Regularizer(l1: 0.25)
        let plain = try Sequential(inputWidth: width, layers: plainSpecs, seed: 5)
        let model = try Sequential(inputWidth: width, layers: penalised, seed: 5)
        let dense = model.layers.compactMap { $0 as? Dense }
        let w0 = model.parameters.values[dense[0].kernel.range].map(Double.init)
        let w1 = model.parameters.values[dense[1].kernel.range].map(Double.init)
        let expected = 0.5 * w0.reduce(0) { $0 + $1 * $1 } + 0.25 * w1.reduce(0) { $0 + abs($1) }
        XCTAssertEqual(model.regularizationLoss, expected, accuracy: 1e-9, "kernels only: the biases are ones and would add 2")

        let input: [Float] = (0..<(rows * width)).map { Float($0) / 10 - 0.5 }
        let labels: [Int32] = [0, 1, 1, 0]
        func session(_ m: Sequential) throws -> TrainingSession {
            try TrainingSession(model: m, loss: Loss(.sparseCategoricalCrossentropy),
                                optimizer: makeOptimizer(.sgd(.init(learningRate: 0)), parameterCount: m.parameterCount), maxBatchSize: rows)
        }
        let a = try session(plain), b = try session(model)
        XCTAssertEqual(b.evaluateStep(input: input, labels: labels, rows: rows),
                       a.evaluateStep(input: input, labels: labels, rows: rows) + expected, accuracy: 1e-9)
        XCTAssertEqual(b.trainStep(input: input, labels: labels, rows: rows),
                       a.trainStep(input: input, labels: labels, rows: rows) + expected, accuracy: 1e-9)
    }

    /// Every parameter's gradient of `loss + penalties` through dense, dropout and dense layers, with the
    /// dropout masks replayed for each evaluation (training mode throughout).
    func testModelGradientWithDropoutAndPenalties() throws {
        let rows = 6, width = 5
        var hidden = DenseSpec(units: 4, activation: .tanh, biasInitializer: .ones)
        hidden.kernelRegularizer = Regularizer(l1: 0.01, l2: 0.05)
        var output = DenseSpec(units: 3, activation: .softmax)
        output.kernelRegularizer = Regularizer(l2: 0.1)
        let model = try Sequential(
            inputWidth: width,
            layers: [.dropout(DropoutSpec(rate: 0.25)), .dense(hidden), .dropout(DropoutSpec(rate: 0.5)), .dense(output)],
            seed: 3)
        let session = try TrainingSession(
            model: model, loss: Loss(.sparseCategoricalCrossentropy),
            optimizer: makeOptimizer(.sgd(.init(learningRate: 0)), parameterCount: model.parameterCount), maxBatchSize: rows)
        var random = SeededRandom(seed: 2, streamNumber: 1)
        let input = (0..<(rows * width)).map { _ in Float(2 * random.unitDouble() - 1) }
        let labels = (0..<rows).map { _ in Int32(random.below(3)) }
        let dropouts = model.layers.compactMap { $0 as? Dropout }
        let starts = dropouts.map(\.random)
        func replay() -> Double {
            for (layer, start) in zip(dropouts, starts) { layer.random = start }
            return session.computeGradients(input: input, labels: labels, rows: rows)
        }
        _ = replay()
        let analytic = model.parameters.gradients.map(Double.init)
        let numeric = GradientCheck.centralDifferences(
            count: model.parameterCount, step: 1e-2, nudge: { model.parameters.values[$0] += Float($1) }, loss: replay)
        // As DenseTests' model check: Float passes, h = 1e-2; the L1 term's kink at 0 is never within h of a
        // Glorot-drawn weight here (checked: none is below 0.02 in magnitude).
        let kernels = model.layers.compactMap { $0 as? Dense }.flatMap { model.parameters.values[$0.kernel.range] }
        XCTAssertTrue(kernels.allSatisfy { abs($0) > 0.02 })
        let bad = GradientCheck.mismatches(analytic: analytic, numeric: numeric, tolerance: 2e-3)
        XCTAssertTrue(bad.isEmpty, "\(bad)")
    }
}
