import XCTest
import SeededRandom
import TestSupport
@testable import NeuralNetwork
import ModelKinds

/// Every activation's derivative against central differences, in Double, through `L = sum(f(x) * dout)`.
final class ActivationTests: XCTestCase {
    let rows = 3, columns = 5

    /// Inputs in [-3, 3], kept at least 0.05 from the kinks at 0 (relu, leaky_relu, elu, selu) so that
    /// central differences with h = 1e-6 never straddle one.
    func inputs(seed: UInt64) -> [Double] {
        var random = SeededRandom(seed: seed, streamNumber: 100)
        return (0..<(rows * columns)).map { _ in
            let v = 6 * random.unitDouble() - 3
            return abs(v) < 0.05 ? v + 0.1 : v
        }
    }

    func forward(_ activation: Activation, _ x: [Double]) -> [Double] {
        var y = [Double](repeating: 0, count: x.count)
        activation.forward(x, &y, rows: rows, columns: columns)
        return y
    }

    func testDerivativesMatchCentralDifferences() {
        for activation in Activation.allCases {
            for seed: UInt64 in 1...3 {
                var x = inputs(seed: seed)
                var random = SeededRandom(seed: seed, streamNumber: 200)
                let dout = (0..<x.count).map { _ in 2 * random.unitDouble() - 1 }
                let y = forward(activation, x)
                var dx = [Double](repeating: 0, count: x.count)
                activation.backward(x: x, y: y, dy: dout, dx: &dx, rows: rows, columns: columns)

                let numeric = GradientCheck.centralDifferences(
                    count: x.count, step: 1e-6, nudge: { x[$0] += $1 },
                    loss: { zip(self.forward(activation, x), dout).reduce(0) { $0 + $1.0 * $1.1 } })
                // Double with h = 1e-6: truncation ~1e-12 times f''', rounding ~1e-16 / 1e-6 = 1e-10.
                let bad = GradientCheck.mismatches(analytic: dx, numeric: numeric, tolerance: 1e-7)
                XCTAssertTrue(bad.isEmpty, "\(activation) seed \(seed): \(bad)")
            }
        }
    }

    func testValuesAtKnownPoints() {
        func value(_ activation: Activation, _ x: Double) -> Double {
            var y = [0.0]
            activation.forward([x], &y, rows: 1, columns: 1)
            return y[0]
        }
        XCTAssertEqual(value(.relu, -2), 0)
        XCTAssertEqual(value(.relu, 2), 2)
        XCTAssertEqual(value(.linear, -1.5), -1.5)
        XCTAssertEqual(value(.sigmoid, 0), 0.5)
        XCTAssertEqual(value(.sigmoid, -800), 0)  // no overflow on the negative side
        XCTAssertEqual(value(.tanh, 1), 0.7615941559557649, accuracy: 1e-15)
        XCTAssertEqual(value(.elu, -1), -0.6321205588285577, accuracy: 1e-15)  // e^-1 - 1
        XCTAssertEqual(value(.selu, -1), -1.1113307378125628, accuracy: 1e-12)  // 1.0507 * 1.67326 * (e^-1 - 1)
        XCTAssertEqual(value(.selu, 2), 2.1014019747109610, accuracy: 1e-12)
        XCTAssertEqual(value(.gelu, 1), 0.8413447460685429, accuracy: 1e-15)  // erf form, not the tanh approximation (0.8411920)
        XCTAssertEqual(value(.leakyRelu, -1), -0.2)  // Keras 3 negative_slope 0.2
        XCTAssertEqual(value(.softplus, 0), 0.6931471805599453, accuracy: 1e-15)
        XCTAssertEqual(value(.softplus, 800), 800)  // no overflow
        XCTAssertEqual(value(.swish, 1), 0.7310585786300049, accuracy: 1e-15)
        XCTAssertTrue(value(.relu, .nan).isNaN, "a NaN must survive relu so divergence is seen")
    }

    func testSoftmaxRowsSumToOneAndSurviveLargeLogits() {
        let x: [Double] = [1000, 0, -1000, 1, 2, 3]
        var y = [Double](repeating: 0, count: 6)
        Activation.softmax.forward(x, &y, rows: 2, columns: 3)
        XCTAssertEqual(y[0], 1)
        XCTAssertEqual(y[3] + y[4] + y[5], 1, accuracy: 1e-15)
        XCTAssertEqual(y[5], 0.6652409557748219, accuracy: 1e-15)
    }

    /// The engine runs the Float specialisation in place (y = x); it must agree with the Double one.
    func testFloatInPlaceMatchesDouble() {
        for activation in Activation.allCases {
            let x = inputs(seed: 9)
            let expected = forward(activation, x)
            var inPlace = x.map { Float($0) }
            inPlace.withUnsafeMutableBufferPointer { p in
                activation.forward(UnsafePointer(p.baseAddress!), p.baseAddress!, rows: rows, columns: columns)
            }
            for (a, e) in zip(inPlace, expected) {
                XCTAssertEqual(Double(a), e, accuracy: 1e-6 * max(1, abs(e)), "\(activation)")
            }
        }
    }
    /// Relu and its derivative run eight Float lanes at a time with a scalar tail: on 37 values (four blocks
    /// and a tail of five) with NaN, infinities, -0 and 0 in both parts, every value equals the scalar rule's,
    /// in place and not.
    func testFloatReluLanesMatchTheScalarRule() {
        var random = SeededRandom(seed: 3, streamNumber: 101)
        var x = (0..<37).map { _ in Float(4 * random.unitDouble() - 2) }
        for i in [1, 33] { x[i] = .nan }
        for i in [2, 34] { x[i] = -0.0 }
        for i in [3, 35] { x[i] = 0 }
        x[4] = .infinity; x[5] = -.infinity
        let dy = (0..<37).map { _ in Float(2 * random.unitDouble() - 1) }
        let expectedY = x.map { $0 <= 0 ? 0 : $0 }
        let expectedDx = zip(expectedY, dy).map { $0 > 0 ? $1 : 0 }
        var y = [Float](repeating: 7, count: 37), inPlace = x
        Activation.relu.forward(x, &y, rows: 1, columns: 37)
        inPlace.withUnsafeMutableBufferPointer { Activation.relu.forward(UnsafePointer($0.baseAddress!), $0.baseAddress!, rows: 37, columns: 1) }
        for got in [y, inPlace] {
            XCTAssertEqual(got.map(\.bitPattern), expectedY.map(\.bitPattern))
        }
        var dx = [Float](repeating: 7, count: 37), dxInPlace = dy
        Activation.relu.backward(x: y, y: y, dy: dy, dx: &dx, rows: 1, columns: 37)
        dxInPlace.withUnsafeMutableBufferPointer {
            Activation.relu.backward(x: y, y: y, dy: UnsafePointer($0.baseAddress!), dx: $0.baseAddress!, rows: 1, columns: 37)
        }
        for got in [dx, dxInPlace] {
            XCTAssertEqual(got.map(\.bitPattern), expectedDx.map(\.bitPattern))
        }
    }
}
