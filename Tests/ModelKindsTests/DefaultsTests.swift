import ModelKinds
import XCTest

/// Keras 3's defaults, written out against the constructors in `keras/src/optimizers/*.py` and
/// `keras/src/layers/core/dense.py`: each kind's defaults live once, in ModelKinds, and this pins them.
final class DefaultsTests: XCTestCase {
    func testOptimizerDefaultsAreKeras3() {
        XCTAssertEqual(SGDSettings(), SGDSettings(learningRate: 0.01, momentum: 0, nesterov: false))
        XCTAssertEqual(RMSpropSettings(), RMSpropSettings(learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false))
        XCTAssertEqual(AdamSettings(), AdamSettings(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false))
        XCTAssertEqual(AdamWSettings(), AdamWSettings(learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999,
                                                      epsilon: 1e-7, amsgrad: false))
        XCTAssertEqual(AdagradSettings(), AdagradSettings(learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7))
    }

    func testEveryOptimizerHasItsDefaultsAndKerasKeywords() {
        XCTAssertEqual(OptimizerSpec.defaults.map(\.name), ["sgd", "rmsprop", "adam", "adamw", "adagrad"])
        XCTAssertEqual(OptimizerSpec.defaults[3].hyperparameterKeys,
                       ["learning_rate", "weight_decay", "beta_1", "beta_2", "epsilon", "amsgrad"])
        for spec in OptimizerSpec.defaults { XCTAssertEqual(spec.hyperparameterKeys.first, "learning_rate", spec.name) }
    }

    func testDenseDefaultsAreKeras3() {
        let dense = DenseSpec(units: 4)
        XCTAssertEqual(dense, DenseSpec(units: 4, activation: .linear, useBias: true, kernelInitializer: .glorotUniform,
                                        biasInitializer: .zeros, kernelRegularizer: nil))
        XCTAssertNil(DropoutSpec(rate: 0.5).seed)
        XCTAssertEqual(Regularizer(), Regularizer(l1: 0, l2: 0))
    }

    func testLossesKnowTheirProbabilityActivation() {
        XCTAssertEqual(LossKind.allCases.map(\.probabilityActivation), [.softmax, .softmax, .sigmoid, nil, nil])
        XCTAssertEqual(LossKind.allCases.filter(\.needsOneUnitPerClass), [.sparseCategoricalCrossentropy, .categoricalCrossentropy])
    }

    func testBoundsIncludeTheirEndsAsDeclared() {
        XCTAssertTrue(Bounds.unitHalfOpen.contains(0))
        XCTAssertFalse(Bounds.unitHalfOpen.contains(1))
        XCTAssertTrue(Bounds.unitClosed.contains(1))
        XCTAssertFalse(Bounds.positive.contains(0))
        XCTAssertFalse(Bounds.nonNegative.contains(.nan))
    }
}
