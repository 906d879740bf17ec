import XCTest
import SeededRandom
@testable import NeuralNetwork
import ModelKinds

final class InitializerTests: XCTestCase {
    func draw(_ initializer: Initializer, count: Int, fanIn: Int, fanOut: Int, seed: UInt64) -> [Float] {
        var values = [Float](repeating: .nan, count: count)
        var random = SeededRandom(seed: seed, stream: .initialization)
        initializer.fill(&values, count: count, fanIn: fanIn, fanOut: fanOut, random: &random)
        return values
    }

    func testDeterministicForASeedAndDifferentForAnother() {
        for initializer in Initializer.allCases where initializer != .zeros && initializer != .ones {
            let a = draw(initializer, count: 100, fanIn: 10, fanOut: 10, seed: 42)
            XCTAssertEqual(a, draw(initializer, count: 100, fanIn: 10, fanOut: 10, seed: 42), "\(initializer)")
            XCTAssertNotEqual(a, draw(initializer, count: 100, fanIn: 10, fanOut: 10, seed: 43), "\(initializer)")
        }
    }

    func testGlorotUniformBounds() {
        // limit = sqrt(6 / (fan_in + fan_out)) = sqrt(6 / 1296) for a 784 x 512 kernel.
        let values = draw(.glorotUniform, count: 784 * 512, fanIn: 784, fanOut: 512, seed: 1)
        let limit = Float((6.0 / 1296).squareRoot())
        XCTAssertLessThanOrEqual(values.map(abs).max()!, limit)
        XCTAssertGreaterThan(values.map(abs).max()!, 0.999 * limit)
        XCTAssertEqual(values.reduce(0, +) / Float(values.count), 0, accuracy: 1e-3)
    }

    func testLecunAndHeUniformBounds() {
        let lecun = draw(.lecunUniform, count: 10_000, fanIn: 300, fanOut: 7, seed: 1)
        XCTAssertLessThanOrEqual(lecun.map(abs).max()!, Float((3.0 / 300).squareRoot()))
        let he = draw(.heUniform, count: 10_000, fanIn: 300, fanOut: 7, seed: 1)
        XCTAssertLessThanOrEqual(he.map(abs).max()!, Float((6.0 / 300).squareRoot()))
        XCTAssertGreaterThan(he.map(abs).max()!, 0.99 * Float((6.0 / 300).squareRoot()))
    }

    /// Keras' truncated normals are scaled so the truncated draw has the target std: sqrt(2 / fan_in) for he_normal.
    func testNormalsHaveTheTargetStandardDeviation() {
        for (initializer, scale, fan) in [(Initializer.heNormal, 2.0, 784.0), (.lecunNormal, 1.0, 784.0),
                                          (.glorotNormal, 1.0, (784.0 + 512.0) / 2)] {
            let values = draw(initializer, count: 784 * 512, fanIn: 784, fanOut: 512, seed: 5).map(Double.init)
            let std = (values.reduce(0) { $0 + $1 * $1 } / Double(values.count)).squareRoot()
            let target = (scale / fan).squareRoot()
            XCTAssertEqual(std, target, accuracy: 0.01 * target, "\(initializer)")
            // Truncated at two pre-truncation standard deviations.
            XCTAssertLessThanOrEqual(values.map(abs).max()!, 2 * target / Initializer.truncatedNormalStd * 1.000001)
        }
    }

    func testConstants() {
        XCTAssertEqual(draw(.zeros, count: 5, fanIn: 1, fanOut: 1, seed: 1), [0, 0, 0, 0, 0])
        XCTAssertEqual(draw(.ones, count: 5, fanIn: 1, fanOut: 1, seed: 1), [1, 1, 1, 1, 1])
    }

    func testModelsDrawFromTheInitializationStream() throws {
        let spec = [DenseSpec(units: 8, activation: .relu), DenseSpec(units: 3, activation: .softmax)]
        let a = try Sequential(inputWidth: 4, layers: spec, seed: 11)
        let b = try Sequential(inputWidth: 4, layers: spec, seed: 11)
        let c = try Sequential(inputWidth: 4, layers: spec, seed: 12)
        XCTAssertEqual(Array(a.parameters.values), Array(b.parameters.values))
        XCTAssertNotEqual(Array(a.parameters.values), Array(c.parameters.values))
        // Layout: kernel 4x8, bias 8 (zeros by default), kernel 8x3, bias 3.
        XCTAssertEqual(a.parameterCount, 32 + 8 + 24 + 3)
        XCTAssertEqual(Array(a.parameters.values[32..<40]), [Float](repeating: 0, count: 8))
        XCTAssertEqual(a.denseLayers[1].kernel.offset, 40)
    }
}
