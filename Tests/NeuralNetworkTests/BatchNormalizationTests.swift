import XCTest
import SeededRandom
import TestSupport
@testable import NeuralNetwork
import ModelKinds

/// Batch normalization against values worked out by hand from Keras 3's formulas, and its training-mode
/// gradients against central differences in Double.
final class BatchNormalizationTests: XCTestCase {
    /// One channel, four samples x = 1, 2, 3, 6: mean 3, biased variance (4 + 1 + 0 + 9) / 4 = 3.5.
    func testTrainingAndInferenceOutputsByHand() throws {
        var layout = ParameterLayout()
        let layer = BatchNormalization(input: .vector(1), spec: BatchNormalizationSpec(), layout: &layout)
        let parameters = Parameters(count: layout.count)
        var random = SeededRandom(seed: 1, stream: .initialization)
        layer.initialize(parameters, random: &random)
        XCTAssertEqual(layer.tensors.map(\.name), ["gamma", "beta", "moving_mean", "moving_variance"])
        parameters.values[0] = 2  // gamma
        parameters.values[1] = 0.5  // beta
        let buffers = layer.makeBuffers(maxRows: 4, keepPreActivation: false)
        let x: [Float] = [1, 2, 3, 6]

        layer.forward(x, rows: 4, parameters: parameters, buffers: buffers, training: true)
        // y = gamma * (x - 3) / sqrt(3.5 + 0.001) + beta.
        let std = (3.5 + 0.001).squareRoot()
        for (i, v) in x.enumerated() {
            XCTAssertEqual(Double(buffers.output[i]), 2 * (Double(v) - 3) / std + 0.5, accuracy: 1e-6, "training y[\(i)]")
        }
        // moving = moving * 0.99 + batch * 0.01, from 0 and 1.
        XCTAssertEqual(layer.movingMean[0], 0.03, accuracy: 1e-7)
        XCTAssertEqual(layer.movingVariance[0], 0.99 + 0.035, accuracy: 1e-7)

        layer.forward(x, rows: 4, parameters: parameters, buffers: buffers, training: false)
        // Inference: the moving statistics, untouched by it.
        let movingStd = (1.025 + 0.001).squareRoot()
        for (i, v) in x.enumerated() {
            XCTAssertEqual(Double(buffers.output[i]), 2 * (Double(v) - 0.03) / movingStd + 0.5, accuracy: 1e-6, "inference y[\(i)]")
        }
        XCTAssertEqual(layer.movingMean[0], 0.03, accuracy: 1e-7)
        // A second training batch moves them again: 0.03 * 0.99 + 3 * 0.01.
        layer.forward(x, rows: 4, parameters: parameters, buffers: buffers, training: true)
        XCTAssertEqual(layer.movingMean[0], 0.03 * 0.99 + 0.03, accuracy: 1e-7)
    }

    /// An image: statistics per channel over the batch and every position.
    func testImageStatisticsArePerChannel() throws {
        var layout = ParameterLayout()
        let layer = BatchNormalization(input: .image(height: 1, width: 2, channels: 2),
                                       spec: BatchNormalizationSpec(momentum: 0, center: false, scale: false), layout: &layout)
        XCTAssertEqual(layout.count, 0)
        XCTAssertEqual(layer.tensors.map(\.name), ["moving_mean", "moving_variance"])
        let parameters = Parameters(count: 0)
        let buffers = layer.makeBuffers(maxRows: 2, keepPreActivation: false)
        // Channel 0 sees 1, 3, 5, 7 (mean 4, variance 5); channel 1 sees 10, 10, 10, 10 (variance 0).
        layer.forward([1, 10, 3, 10, 5, 10, 7, 10], rows: 2, parameters: parameters, buffers: buffers, training: true)
        XCTAssertEqual(layer.movingMean[0], 4)  // momentum 0: the batch's own statistics
        XCTAssertEqual(layer.movingVariance[0], 5)
        XCTAssertEqual(layer.movingMean[1], 10)
        XCTAssertEqual(layer.movingVariance[1], 0)
        XCTAssertEqual(Double(buffers.output[0]), -3 / (5.001).squareRoot(), accuracy: 1e-6)
        XCTAssertEqual(buffers.output[1], 0)
    }

    func checkGradients(input: TensorShape, spec: BatchNormalizationSpec, rows: Int, file: StaticString = #filePath, line: UInt = #line) {
        let c = input.lastAxis, count = rows * input.count
        var x = randomDoubles(count, seed: 4, stream: 1).map { 3 * $0 + 1 }
        var gamma = randomDoubles(c, seed: 4, stream: 2), beta = randomDoubles(c, seed: 4, stream: 3)
        let dout = randomDoubles(count, seed: 4, stream: 4)
        var movingMean = [Double](repeating: 0, count: c), movingVariance = [Double](repeating: 1, count: c)
        var scratch = [Double](repeating: 0, count: BatchNormalizationPass<Double>.scratchCount(channels: c, maxRows: rows))
        var y = [Double](repeating: 0, count: count), dx = y, dGamma = gamma, dBeta = beta
        func withPass<R>(_ body: (BatchNormalizationPass<Double>) -> R) -> R {
            gamma.withUnsafeBufferPointer { g in beta.withUnsafeBufferPointer { b in
                movingMean.withUnsafeMutableBufferPointer { mm in movingVariance.withUnsafeMutableBufferPointer { mv in
                    scratch.withUnsafeMutableBufferPointer { s in
                        body(BatchNormalizationPass(positions: input.count / c, channels: c, momentum: spec.momentum, epsilon: spec.epsilon,
                                                    gamma: spec.scale ? g.baseAddress! : nil, beta: spec.center ? b.baseAddress! : nil,
                                                    movingMean: mm.baseAddress!, movingVariance: mv.baseAddress!, scratch: s.baseAddress!))
                    }
                } }
            } }
        }
        func loss() -> Double {
            withPass { $0.forward(x, rows: rows, y: &y, training: true) }
            return zip(y, dout).reduce(0) { $0 + $1.0 * $1.1 }
        }
        _ = loss()
        withPass { $0.backward(x, rows: rows, dy: dout, dGamma: &dGamma, dBeta: &dBeta, dx: &dx) }
        let label = "\(input) rows \(rows) center \(spec.center) scale \(spec.scale)"
        // Through the batch statistics L is smooth but not linear: h = 1e-5 in Double, as the other layers.
        let numericX = GradientCheck.centralDifferences(count: count, step: 1e-5, nudge: { x[$0] += $1 }, loss: loss)
        XCTAssertEqual(GradientCheck.mismatches(analytic: dx, numeric: numericX, tolerance: 1e-7).map(\.description), [], "input, \(label)",
                       file: file, line: line)
        if spec.scale {
            let numeric = GradientCheck.centralDifferences(count: c, step: 1e-5, nudge: { gamma[$0] += $1 }, loss: loss)
            XCTAssertEqual(GradientCheck.mismatches(analytic: dGamma, numeric: numeric, tolerance: 1e-7).map(\.description), [],
                           "gamma, \(label)", file: file, line: line)
        }
        if spec.center {
            let numeric = GradientCheck.centralDifferences(count: c, step: 1e-5, nudge: { beta[$0] += $1 }, loss: loss)
            XCTAssertEqual(GradientCheck.mismatches(analytic: dBeta, numeric: numeric, tolerance: 1e-7).map(\.description), [],
                           "beta, \(label)", file: file, line: line)
        }
    }

    func testTrainingGradients() {
        checkGradients(input: .vector(3), spec: BatchNormalizationSpec(), rows: 5)
        checkGradients(input: .image(height: 3, width: 2, channels: 4), spec: BatchNormalizationSpec(epsilon: 0.01), rows: 10)
        checkGradients(input: .image(height: 1, width: 3, channels: 2), spec: BatchNormalizationSpec(center: false), rows: 3)
        checkGradients(input: .image(height: 2, width: 1, channels: 2), spec: BatchNormalizationSpec(scale: false), rows: 9)
    }
    /// Float with channels in groups of eight runs in lanes: training and inference outputs, the moving
    /// statistics and every gradient must be, bit for bit, the formulas of `BatchNormalizationPass` worked
    /// out value by value here (Double sums per chunk of 16 samples, added in chunk order), with and without
    /// gamma and beta, over three chunks the last of which is short.
    func testFloatLanesAreTheFormulasBitForBit() throws {
        for (channels, spec) in [(16, BatchNormalizationSpec(momentum: 0.9, epsilon: 0.01)),
                                 (8, BatchNormalizationSpec(center: false, scale: false))] {
            var layout = ParameterLayout()
            let input = TensorShape.image(height: 3, width: 2, channels: channels)
            let layer = BatchNormalization(input: input, spec: spec, layout: &layout)
            let parameters = Parameters(count: layout.count)
            var random = SeededRandom(seed: 4, streamNumber: 1)
            for i in 0..<layout.count { parameters.values[i] = Float(2 * random.unitDouble() - 0.5) }
            let rows = 37, positions = 6, c = channels, n = Double(rows * positions)
            let x = (0..<(rows * positions * c)).map { _ in Float(4 * random.unitDouble() - 1) }
            let dy = (0..<x.count).map { _ in Float(2 * random.unitDouble() - 1) }
            let gamma = layer.gamma.map { Array(UnsafeBufferPointer(start: parameters.values($0), count: c)) }
            let beta = layer.beta.map { Array(UnsafeBufferPointer(start: parameters.values($0), count: c)) }
            let buffers = layer.makeBuffers(maxRows: rows, keepPreActivation: false)
            layer.forward(x, rows: rows, parameters: parameters, buffers: buffers, training: true)
            var dx = [Float](repeating: 0, count: x.count)
            UnsafeMutablePointer(buffers.outputGradient).update(from: dy, count: dy.count)
            layer.backward(x, rows: rows, parameters: parameters, buffers: buffers, gradientIsPreActivation: false, inputGradient: &dx)

            // The formulas, value by value: per chunk partials over its rows in order, chunks added in order.
            let chunks = SampleChunks(rows: rows)
            func sums(_ term: (Int, Int) -> Double) -> [Double] {
                var total = [Double](repeating: 0, count: c)
                for chunk in 0..<chunks.count {
                    var part = [Double](repeating: 0, count: c)
                    let (first, count) = chunks[chunk]
                    for v in (first * positions)..<((first + count) * positions) { for j in 0..<c { part[j] += term(v, j) } }
                    for j in 0..<c { total[j] += part[j] }
                }
                return total
            }
            let mean = sums { v, j in Double(x[v * c + j]) }.map { $0 * (1 / n) }
            let variance = sums { v, j in let d = Double(x[v * c + j]) - mean[j]; return d * d }.map { $0 * (1 / n) }
            let inverseStd = variance.map { 1 / ($0 + spec.epsilon).squareRoot() }
            let xhat = { (v: Int, j: Int) in (Double(x[v * c + j]) - mean[j]) * inverseStd[j] }
            let y = (0..<x.count).map { i in (gamma?[i % c] ?? 1) * Float(xhat(i / c, i % c)) + (beta?[i % c] ?? 0) }
            let (m, rest) = (Float(spec.momentum), Float(1 - spec.momentum))
            let movingMean = mean.map { 0 * m + Float($0) * rest }
            let movingVariance = variance.map { 1 * m + Float($0) * rest }
            let sumDy = sums { v, j in Double(dy[v * c + j]) }
            let sumDyXhat = sums { v, j in Double(dy[v * c + j]) * xhat(v, j) }
            let expectedDx = (0..<x.count).map { i -> Float in
                let j = i % c, scale = Double(gamma?[j] ?? 1) * inverseStd[j] / n
                return Float(scale * (n * Double(dy[i]) - sumDy[j] - xhat(i / c, j) * sumDyXhat[j]))
            }

            func bits(_ p: UnsafePointer<Float>, _ count: Int) -> [UInt32] { UnsafeBufferPointer(start: p, count: count).map(\.bitPattern) }
            XCTAssertEqual(bits(buffers.output, y.count), y.map(\.bitPattern), "y, \(channels) channels")
            XCTAssertEqual(bits(layer.movingMean, c), movingMean.map(\.bitPattern), "moving mean, \(channels) channels")
            XCTAssertEqual(bits(layer.movingVariance, c), movingVariance.map(\.bitPattern), "moving variance, \(channels) channels")
            XCTAssertEqual(dx.map(\.bitPattern), expectedDx.map(\.bitPattern), "dx, \(channels) channels")
            if let g = layer.gamma {
                XCTAssertEqual(bits(parameters.gradients(g), c), sumDyXhat.map { Float($0).bitPattern }, "dgamma")
            }
            if let b = layer.beta {
                XCTAssertEqual(bits(parameters.gradients(b), c), sumDy.map { Float($0).bitPattern }, "dbeta")
            }

            layer.forward(x, rows: rows, parameters: parameters, buffers: buffers, training: false)
            let inferred = (0..<x.count).map { i -> Float in
                let j = i % c, std = 1 / (Double(movingVariance[j]) + spec.epsilon).squareRoot()
                return (gamma?[j] ?? 1) * Float((Double(x[i]) - Double(movingMean[j])) * std) + (beta?[j] ?? 0)
            }
            XCTAssertEqual(bits(buffers.output, inferred.count), inferred.map(\.bitPattern), "inference y, \(channels) channels")
        }
    }
}
