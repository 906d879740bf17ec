import XCTest
@testable import NeuralNetwork
import ModelKinds

/// Three steps of each optimizer against `Reference/optimizers.py` (Keras 3's rules in float64; its output
/// is `Reference/optimizers.txt`). Tolerance: 2e-6 relative, as the engine runs in Float (24-bit
/// mantissa): three steps of a few roundings each stay within ~16 ulps; the variants under test move
/// the results by far more (AMSGrad ~4e-4 relative, AdamW's decay ~1e-5, momentum ~1e-3).
final class OptimizerTests: XCTestCase {
    static let w0: [Float] = [1.0, -2.0, 0.5, 0.0, 3.0]
    static let gradients: [[Float]] = [
        [0.1, -0.2, 0.3, 0.0, -1.5],
        [-0.05, 0.4, 0.3, 0.25, 0.5],
        [0.2, 0.1, -0.6, -0.25, 0.01],
    ]
    static let zeros: [Float] = [0, 0, 0, 0, 0]
    static let shrinking: [[Float]] = [
        [2.0, -1.0, 0.5, 1.0, -3.0],
        [0.01, 0.02, -0.01, 0.0, 0.05],
        [0.01, -0.02, 0.01, 0.03, 0.05],
    ]

    /// Runs `config` through `makeOptimizer`, checks it built `type`, and returns the weights after the steps.
    func run<O: Optimizer>(
        _ config: OptimizerSpec, expecting type: O.Type, from w0: [Float] = w0, gradients: [[Float]] = gradients
    ) -> [Float] {
        let optimizer = makeOptimizer(config, parameterCount: w0.count)
        XCTAssertTrue(optimizer is O, "\(config) built \(Swift.type(of: optimizer))")
        var w = w0
        for g in gradients { optimizer.step(weights: &w, gradients: g) }
        XCTAssertEqual(optimizer.iterations, gradients.count)
        return w
    }

    func assertClose(_ actual: [Float], _ expected: [Double], file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, file: file, line: line)
        for (a, e) in zip(actual, expected) {
            XCTAssertEqual(Double(a), e, accuracy: 2e-6 * abs(e) + 1e-9, "got \(actual)", file: file, line: line)
        }
    }

    func testSGD() {
        // w = w - 0.01 g: w[0] = 1 - 0.01 (0.1 - 0.05 + 0.2) = 0.9975
        assertClose(run(.sgd(.init()), expecting: SGD.self), [0.9974999999999999, -2.0029999999999997, 0.5, 0.0, 3.0099])
    }

    func testSGDMomentum() {
        // m = 0.9 m - 0.01 g; w += m. w[0]: m = -0.001, -0.0004, -0.00236 -> 1 - 0.00376 = 0.99624
        assertClose(run(.sgd(.init(momentum: 0.9)), expecting: SGD.self), [0.99624, -2.00318, 0.49217, -0.00225, 3.0310500000000005])
    }

    func testSGDNesterov() {
        assertClose(run(.sgd(.init(momentum: 0.9, nesterov: true)), expecting: SGD.self),
                    [0.994116, -2.005862, 0.492953, -0.0020250000000000008, 3.0378450000000004])
    }

    func testRMSpropKerasDocstringExample() {
        // keras.optimizers.RMSprop(learning_rate=0.1) on loss var^2 / 2 from var = 10 (gradient 10) gives 9.683772:
        // v = 0.1 * 100 = 10; w = 10 - 0.1 * 10 / sqrt(10 + 1e-7) = 9.6837722.
        let optimizer = makeOptimizer(.rmsprop(.init(learningRate: 0.1)), parameterCount: 1)
        XCTAssertTrue(optimizer is RMSprop)
        var w: [Float] = [10]
        optimizer.step(weights: &w, gradients: [10])
        XCTAssertEqual(w[0], 9.683772, accuracy: 1e-6)
    }

    func testRMSprop() {
        // Step 1 by hand for w[0]: v = 0.1 * 0.01 = 0.001; w = 1 - 0.001 * 0.1 / sqrt(0.001 + 1e-7) = 0.99683778.
        assertClose(run(.rmsprop(.init()), expecting: RMSprop.self),
                    [0.995493684591004, -2.0004273438905242, 0.49719033072831426, -0.0008681046830938946, 3.00209189311136])
    }

    func testRMSpropMomentum() {
        assertClose(run(.rmsprop(.init(momentum: 0.5)), expecting: RMSprop.self),
                    [0.9938592726526624, -1.9994842330754656, 0.49367156034389875, -0.002449230864219231, 3.003939458526275])
    }

    func testRMSpropCentered() {
        assertClose(run(.rmsprop(.init(centered: true)), expecting: RMSprop.self),
                    [0.9951628790431606, -2.00031033537919, 0.49676632547036087, -0.001038552068540166, 3.0022455813768314])
    }

    func testRMSpropCenteredMomentum() {
        assertClose(run(.rmsprop(.init(momentum: 0.5, centered: true)), expecting: RMSprop.self),
                    [0.9934053775279386, -1.9992569097724529, 0.4929918136483212, -0.002705203920589546, 3.004212911903707])
    }

    func testAdam() {
        // Step 1 by hand for w[0]: alpha = 0.001 sqrt(0.001) / 0.1 = 3.1623e-4; m = 0.01; v = 1e-5;
        // w = 1 - alpha * 0.01 / (0.0031623 + 1e-7) = 0.99900003.
        assertClose(run(.adam(.init()), expecting: Adam.self),
                    [0.9980755996024363, -1.9997817650791938, 0.49807566700131667, -0.0006989455754595895, 3.001705534996088])
    }

    func testAdamShrinkingGradients() {
        assertClose(run(.adam(.init()), expecting: Adam.self, from: Self.zeros, gradients: Self.shrinking),
                    [-0.0021977875496292866, 0.0021740580659150737, -0.002174051189376444, -0.0022069498034945805, 0.002155125306806004])
    }

    func testAdamAMSGrad() {
        assertClose(run(.adam(.init(amsgrad: true)), expecting: Adam.self, from: Self.zeros, gradients: Self.shrinking),
                    [-0.0021969480963552595, 0.0021735501740813797, -0.002173543300755692, -0.0022063195877098933, 0.0021545285079435554])
    }

    func testAdamW() {
        // Each step first w -= w * 0.004 * 0.001, then Adam's update.
        assertClose(run(.adamw(.init()), expecting: AdamW.self),
                    [0.9980636087154853, -1.9997577717106474, 0.4980696790251865, -0.0006989425989499453, 3.00166952553925])
    }

    func testAdamWAMSGrad() {
        assertClose(run(.adamw(.init(amsgrad: true)), expecting: AdamW.self, from: Self.zeros, gradients: Self.shrinking),
                    [-0.002196937402612866, 0.002173539554769342, -0.0021735326814772355, -0.002206308908867098, 0.0021545178786873164])
    }

    func testAdagrad() {
        // Step 1 by hand for w[0]: acc = 0.1 + 0.01 = 0.11; w = 1 - 0.001 * 0.1 / sqrt(0.11 + 1e-7) = 0.99969849.
        assertClose(run(.adagrad(.init()), expecting: Adagrad.self),
                    [0.9993354125729045, -2.000375379601758, 0.49949480631263876, -9.312732255008758e-05, 3.000662203640902])
    }

    /// The four-lane path and the scalar tail must agree: 4099 parameters exercise both, against the same
    /// update applied to each parameter alone (a count of 1 runs only the tail).
    func testLanesMatchScalarTail() {
        for config: OptimizerSpec in [.rmsprop(.init(momentum: 0.3, centered: true)), .adam(.init(amsgrad: true)), .adagrad(.init())] {
            let count = 4099
            let w0 = (0..<count).map { Float($0 % 13) * 0.1 - 0.6 }
            let g = (0..<count).map { Float(($0 * 7) % 11) * 0.05 - 0.25 }
            let all = makeOptimizer(config, parameterCount: count)
            var w = w0
            all.step(weights: &w, gradients: g)
            for i in [0, 1, 2, 3, 4, 4095, 4096, 4098] {
                let one = makeOptimizer(config, parameterCount: 1)
                var wi = [w0[i]]
                one.step(weights: &wi, gradients: [g[i]])
                XCTAssertEqual(w[i], wi[0], "\(config) parameter \(i)")
            }
        }
    }
}
