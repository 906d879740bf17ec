import XCTest
import SeededRandom
import TestSupport
@testable import NeuralNetwork
import ModelKinds

/// Every loss, with and without logits, against central differences in Double, and against values
/// worked out from Keras' formulas.
final class LossTests: XCTestCase {
    let rows = 4

    func labels(columns: Int, seed: UInt64) -> [Int32] {
        var random = SeededRandom(seed: seed, streamNumber: 300)
        return (0..<rows).map { _ in Int32(random.below(columns == 1 ? 2 : columns)) }
    }

    /// Logits in [-3, 3]; probabilities in [0.05, 0.95] (inside the clip, away from its edges).
    func values(columns: Int, logits: Bool, seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed, streamNumber: 301)
        return (0..<(rows * columns)).map { _ in
            logits ? 6 * random.unitDouble() - 3 : 0.05 + 0.9 * random.unitDouble()
        }
    }

    func testGradientsMatchCentralDifferences() {
        for kind in LossKind.allCases {
            for fromLogits in [false, true] {
                for columns in [1, 3, 10] {
                    if columns == 1 && (kind == .sparseCategoricalCrossentropy || kind == .categoricalCrossentropy) { continue }
                    for seed: UInt64 in 1...2 {
                        let loss = Loss(kind, fromLogits: fromLogits)
                        let y = labels(columns: columns, seed: seed)
                        var x = values(columns: columns, logits: fromLogits, seed: seed)
                        var gradient = [Double](repeating: 0, count: x.count)
                        _ = loss.evaluate(x, labels: y, rows: rows, columns: columns, gradient: &gradient)
                        let numeric = GradientCheck.centralDifferences(
                            count: x.count, step: 1e-6, nudge: { x[$0] += $1 },
                            loss: { loss.evaluate(x, labels: y, rows: self.rows, columns: columns, gradient: nil) })
                        // Double, h = 1e-6: rounding ~1e-16 / 1e-6 on losses of order 1.
                        let bad = GradientCheck.mismatches(analytic: gradient, numeric: numeric, tolerance: 1e-7)
                        XCTAssertTrue(bad.isEmpty, "\(kind) fromLogits \(fromLogits) columns \(columns) seed \(seed): \(bad)")
                    }
                }
            }
        }
    }

    func testCategoricalCrossentropyKerasDocstringExample() {
        // keras/src/backend/tensorflow/nn.py: categorical_crossentropy(one-hot eye(3), b) = [0.10536 0.11653 0.06188].
        let p: [Double] = [0.9, 0.05, 0.05, 0.05, 0.89, 0.06, 0.05, 0.01, 0.94]
        let expected = (0.10536051565782628 + 0.11653381625595151 + 0.06187540371808753) / 3
        for kind in [LossKind.categoricalCrossentropy, .sparseCategoricalCrossentropy] {
            let value = Loss(kind).evaluate(p, labels: [0, 1, 2], rows: 3, columns: 3, gradient: nil)
            XCTAssertEqual(value, expected, accuracy: 1e-12, "\(kind)")
        }
    }

    func testCrossEntropyFromLogitsIsLogSumExp() {
        // L = log(e^1 + e^2 + e^3) - z_y, y = 0: 3.40760596444438 - 1.
        let value = Loss(.sparseCategoricalCrossentropy, fromLogits: true)
            .evaluate([1.0, 2, 3], labels: [0], rows: 1, columns: 3, gradient: nil)
        XCTAssertEqual(value, 2.40760596444438, accuracy: 1e-12)
        // Huge logits stay finite (log-sum-exp), where log(softmax) would give log(0).
        var gradient = [0.0, 0.0]
        let huge = Loss(.categoricalCrossentropy, fromLogits: true)
            .evaluate([1000.0, 0], labels: [1], rows: 1, columns: 2, gradient: &gradient)
        XCTAssertEqual(huge, 1000)
        XCTAssertEqual(gradient, [1, -1])
    }

    func testProbabilitiesAreClippedLikeKeras() {
        // p = [1, 0] is clipped to c = [1 - 1e-7, 1e-7]: sparse L = -log c_1 + log(c_0 + c_1) = -log(1e-7).
        let value = Loss(.sparseCategoricalCrossentropy).evaluate([1.0, 0], labels: [1], rows: 1, columns: 2, gradient: nil)
        XCTAssertEqual(value, -log(1e-7), accuracy: 1e-9)
        // Binary on one column: the label is the target; p = 1 with target 0 is clipped to 1 - 1e-7.
        let binary = Loss(.binaryCrossentropy).evaluate([1.0], labels: [0], rows: 1, columns: 1, gradient: nil)
        XCTAssertEqual(binary, -log(1e-7), accuracy: 1e-6)
    }

    func testBinaryAndMeanErrorsAverageOverColumnsAndBatch() {
        // Two samples, two columns, one-hot targets [0, 1] and [1, 0].
        let p: [Double] = [0.6, 0.4, 0.3, 0.7]
        let labels: [Int32] = [1, 0]
        let bce = Loss(.binaryCrossentropy).evaluate(p, labels: labels, rows: 2, columns: 2, gradient: nil)
        XCTAssertEqual(bce, (-log(0.4) - log(0.4) - log(0.3) - log(0.3)) / 4, accuracy: 1e-12)
        let mse = Loss(.meanSquaredError).evaluate(p, labels: labels, rows: 2, columns: 2, gradient: nil)
        XCTAssertEqual(mse, (0.36 + 0.36 + 0.49 + 0.49) / 4, accuracy: 1e-12)
        let mae = Loss(.meanAbsoluteError).evaluate(p, labels: labels, rows: 2, columns: 2, gradient: nil)
        XCTAssertEqual(mae, (0.6 + 0.6 + 0.7 + 0.7) / 4, accuracy: 1e-12)
    }

    func testLogitsAreUsedForSoftmaxAndSigmoidOutputsOnly() {
        XCTAssertTrue(Loss(.sparseCategoricalCrossentropy).usesLogits(ofLastActivation: .softmax))
        XCTAssertTrue(Loss(.categoricalCrossentropy, fromLogits: true).usesLogits(ofLastActivation: .softmax))
        XCTAssertTrue(Loss(.binaryCrossentropy).usesLogits(ofLastActivation: .sigmoid))
        XCTAssertFalse(Loss(.binaryCrossentropy).usesLogits(ofLastActivation: .softmax))
        XCTAssertFalse(Loss(.sparseCategoricalCrossentropy, fromLogits: true).usesLogits(ofLastActivation: .linear))
        XCTAssertFalse(Loss(.meanSquaredError).usesLogits(ofLastActivation: .softmax))
    }
}
