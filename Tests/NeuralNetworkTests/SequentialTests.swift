import XCTest
import SeededRandom
@testable import NeuralNetwork
import ModelKinds

final class SequentialTests: XCTestCase {
    func testRefusesAbsurdSizesBeforeAllocating() {
        // 2^20 inputs x 2^12 units = 2^32 weights: refused from arithmetic alone (allocating would need 32 GiB).
        XCTAssertThrowsError(try Sequential(inputWidth: 1 << 20, layers: [DenseSpec(units: 1 << 12, activation: .relu)], seed: 1)) {
            XCTAssertEqual($0 as? NeuralNetworkError, .tooManyParameters(layer: 0, limit: 1 << 31))
            XCTAssertEqual("\($0)", "the model exceeds 2147483648 parameters at layer 1; make the layers narrower")
        }
        // A product that overflows Int itself.
        XCTAssertThrowsError(try Sequential(inputWidth: Int.max / 2, layers: [DenseSpec(units: 4, activation: .relu)], seed: 1)) {
            XCTAssertEqual($0 as? NeuralNetworkError, .tooManyParameters(layer: 0, limit: 1 << 31))
        }
        // The limit reached only by the second layer.
        XCTAssertThrowsError(try Sequential(
            inputWidth: 2, layers: [DenseSpec(units: 1 << 16, activation: .relu), DenseSpec(units: 1 << 16, activation: .relu)], seed: 1)) {
            XCTAssertEqual($0 as? NeuralNetworkError, .tooManyParameters(layer: 1, limit: 1 << 31))
        }
        XCTAssertThrowsError(try Sequential(inputWidth: 4, layers: [DenseSpec(units: .max, activation: .relu)], seed: 1))
    }

    func testRefusesEmptyWidths() {
        XCTAssertThrowsError(try Sequential(inputWidth: 0, layers: [DenseSpec(units: 3, activation: .relu)], seed: 1)) {
            XCTAssertEqual($0 as? NeuralNetworkError, .invalidInputWidth(0))
        }
        XCTAssertThrowsError(try Sequential(
            inputWidth: 4, layers: [DenseSpec(units: 3, activation: .relu), DenseSpec(units: 0, activation: .softmax)], seed: 1)) {
            XCTAssertEqual($0 as? NeuralNetworkError, .invalidUnits(layer: 1, units: 0))
            XCTAssertEqual("\($0)", "layer 2 has 0 units; a dense layer needs at least 1")
        }
        XCTAssertThrowsError(try Sequential(inputWidth: 4, layers: [LayerSpec](), seed: 1)) {
            XCTAssertEqual($0 as? NeuralNetworkError, .noLayers)
        }
    }

    func testSessionRefusesBadBatchSizes() throws {
        let model = try Sequential(inputWidth: 4, layers: [DenseSpec(units: 3, activation: .softmax)], seed: 1)
        let optimizer = makeOptimizer(.rmsprop(.init()), parameterCount: model.parameterCount)
        XCTAssertThrowsError(try TrainingSession(model: model, loss: Loss(.sparseCategoricalCrossentropy), optimizer: optimizer, maxBatchSize: 0)) {
            XCTAssertEqual($0 as? NeuralNetworkError, .invalidBatchSize(0))
        }
        XCTAssertThrowsError(try TrainingSession(model: model, loss: Loss(.sparseCategoricalCrossentropy), optimizer: optimizer, maxBatchSize: Int.max / 2)) {
            XCTAssertEqual($0 as? NeuralNetworkError, .batchTooLarge(maxBatchSize: Int.max / 2, limit: 1 << 30))
        }
    }

    func testShapesAndOutputs() throws {
        let model = try Sequential(
            inputWidth: 3, layers: [DenseSpec(units: 5, activation: .relu), DenseSpec(units: 4, activation: .softmax)], seed: 1)
        XCTAssertEqual(model.outputWidth, 4)
        XCTAssertEqual(model.parameterCount, 3 * 5 + 5 + 5 * 4 + 4)
        let session = try TrainingSession(
            model: model, loss: Loss(.sparseCategoricalCrossentropy),
            optimizer: makeOptimizer(.adam(.init()), parameterCount: model.parameterCount), maxBatchSize: 8)
        let input: [Float] = [0.1, 0.2, 0.3, -1, 0, 1]
        let before = Array(model.parameters.values)
        let loss = session.evaluateStep(input: input, labels: [0, 3], rows: 2)
        XCTAssertEqual(Array(model.parameters.values), before, "evaluation must not touch the weights")
        XCTAssertEqual(session.output.count, 8)
        for row in 0..<2 {
            let probabilities = session.output[(row * 4)..<(row * 4 + 4)]
            XCTAssertEqual(probabilities.reduce(0, +), 1, accuracy: 1e-6)
        }
        // The reported loss is the mean of -log p_label over the rows.
        let expected = -(log(Double(session.output[0])) + log(Double(session.output[7]))) / 2
        XCTAssertEqual(loss, expected, accuracy: 1e-5)
        _ = session.trainStep(input: input, labels: [0, 3], rows: 2)
        XCTAssertNotEqual(Array(model.parameters.values), before)
    }

    func testSgemmMatchesNaiveProducts() {
        let m = 3, n = 4, k = 5
        let a = (0..<(m * k)).map { Float($0) * 0.5 - 2 }, b = (0..<(k * n)).map { Float($0 % 7) - 3 }
        for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
            var c = [Float](repeating: 1, count: m * n)
            BLAS.sgemm(transposeA: ta, transposeB: tb, m: m, n: n, k: k, a: a, b: b, beta: 0, c: &c)
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Float = 0
                    for p in 0..<k { sum += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]) }
                    XCTAssertEqual(c[i * n + j], sum, accuracy: 1e-4, "transposeA \(ta) transposeB \(tb)")
                }
            }
        }
        let rate = BLAS.measureSgemmGFLOPS(m: 64, n: 64, k: 64, transposeA: false, transposeB: true, minimumSeconds: 0.01)
        XCTAssertTrue(rate.isFinite && rate > 0)
    }
}
