import ExperimentCompiler
import XCTest

/// One test per kind of mistake, each asserting the whole `file:line:col: error: message` line.
final class DiagnosticTests: XCTestCase {
    func testUnknownTopLevelKeySuggestsTheClosest() {
        assertError("seed: 42", "sed: 42", "experiments/x.yaml:2:1: error: unknown key 'sed' at the top level; did you mean 'seed'?")
    }

    func testUnknownKeyWithoutCloseNameListsTheKnownOnes() {
        assertError("  shuffle: true", "  verbose: 1",
                    "experiments/x.yaml:21:3: error: unknown key 'verbose' in 'fit' (expected one of: epochs, batch_size, shuffle, validation, validation_split, early_stopping, learning_rate_schedule)")
    }

    func testUnknownOptimizerKey() {
        assertError("  optimizer: rmsprop", "  optimizer: {name: rmsprop, lerning_rate: 0.01}",
                    "experiments/x.yaml:15:30: error: unknown key 'lerning_rate' in 'compile.optimizer'; did you mean 'learning_rate'?")
    }

    func testMissingRequiredKey() {
        assertError("  loss: sparse_categorical_crossentropy", "  # no loss",
                    "experiments/x.yaml:15:3: error: missing key 'loss' in 'compile'")
    }

    func testMissingName() {
        assertError("name: mnist-dense", "# unnamed", "experiments/x.yaml:2:1: error: missing key 'name' at the top level")
    }

    func testFractionalUnitsAreNotTruncated() {
        assertError("    - dense: 512", "    - dense: 51.2",
                    "experiments/x.yaml:10:14: error: 'model.layers[0].dense' must be an integer, not a number (51.2)")
    }

    func testQuotedNumberIsAString() {
        assertError("    - dense: 10", "    - dense: \"10\"",
                    "experiments/x.yaml:12:14: error: 'model.layers[1].dense' must be an integer, not a string (\"10\")")
    }

    func testYesIsNotABoolean() {
        assertError("  shuffle: true", "  shuffle: yes",
                    "experiments/x.yaml:21:12: error: 'fit.shuffle' must be true or false, not a string (yes); YAML 1.2 reads yes as a string, write true or false")
    }

    func testEpochsAtLeastOne() {
        assertError("  epochs: 10", "  epochs: 0", "experiments/x.yaml:19:11: error: 'fit.epochs' must be between 1 and 2147483647, not 0")
    }

    func testBatchSizeRange() {
        assertError("  batch_size: 256", "  batch_size: 2147483648",
                    "experiments/x.yaml:20:15: error: 'fit.batch_size' must be between 1 and 2147483647, not 2147483648")
    }

    func testIntegerBeyond64Bits() {
        assertError("  epochs: 10", "  epochs: 99999999999999999999",
                    "experiments/x.yaml:19:11: error: 'fit.epochs' is 99999999999999999999, which does not fit in a 64-bit integer")
    }

    func testLayerWidthRange() {
        assertError("    - dense: 512", "    - dense: 16777217",
                    "experiments/x.yaml:10:14: error: 'model.layers[0].dense' must be between 1 and 16777216, not 16777217")
    }

    func testNegativeLearningRate() {
        assertError("  optimizer: rmsprop", "  optimizer: {name: rmsprop, learning_rate: -0.1}",
                    "experiments/x.yaml:15:45: error: 'compile.optimizer.learning_rate' must be greater than 0, not -0.1")
    }

    func testInfiniteLearningRate() {
        assertError("  optimizer: rmsprop", "  optimizer: {name: adam, learning_rate: .inf}",
                    "experiments/x.yaml:15:42: error: 'compile.optimizer.learning_rate' must be a finite number greater than 0, not .inf")
    }

    func testDecayRateBelowOne() {
        assertError("  optimizer: rmsprop", "  optimizer: {name: rmsprop, rho: 1.0}",
                    "experiments/x.yaml:15:35: error: 'compile.optimizer.rho' must be in [0, 1), not 1.0")
    }

    func testEpsilonPositive() {
        assertError("  optimizer: rmsprop", "  optimizer: {name: adam, epsilon: 0}",
                    "experiments/x.yaml:15:36: error: 'compile.optimizer.epsilon' must be greater than 0, not 0")
    }

    func testSGDMomentumInUnitInterval() {
        assertError("  optimizer: rmsprop", "  optimizer: {name: sgd, momentum: 1.5}",
                    "experiments/x.yaml:15:36: error: 'compile.optimizer.momentum' must be in [0, 1], not 1.5")
    }

    func testValidationSplitOpenInterval() {
        assertError("  validation: test", "  validation_split: 1",
                    "experiments/x.yaml:22:21: error: 'fit.validation_split' must be in (0, 1), not 1")
    }

    func testScalePositive() {
        assertError("    scale: 255", "    scale: 0", "experiments/x.yaml:7:12: error: 'data.preprocess.scale' must be greater than 0, not 0")
    }

    func testUnknownActivation() {
        assertError("      activation: relu", "      activation: rleu",
                    "experiments/x.yaml:11:19: error: unknown activation 'rleu'; did you mean 'relu'?")
    }

    func testUnknownInitializer() {
        assertError("      activation: relu", "      kernel_initializer: xavier",
                    "experiments/x.yaml:11:27: error: unknown initializer 'xavier' (expected one of: glorot_uniform, glorot_normal, he_normal, he_uniform, lecun_normal, lecun_uniform, zeros, ones)")
    }

    func testUnknownOptimizer() {
        assertError("  optimizer: rmsprop", "  optimizer: adamm", "experiments/x.yaml:15:14: error: unknown optimizer 'adamm'; did you mean 'adam'?")
    }

    func testUnknownLoss() {
        assertError("  loss: sparse_categorical_crossentropy", "  loss: sparse_categorical_crossentropi",
                    "experiments/x.yaml:16:9: error: unknown loss 'sparse_categorical_crossentropi'; did you mean 'sparse_categorical_crossentropy'?")
    }

    func testUnknownMetric() {
        assertError("  metrics: [accuracy]", "  metrics: [accuracy, f1]",
                    "experiments/x.yaml:17:23: error: unknown metric 'f1' (expected one of: accuracy, top_k_categorical_accuracy)")
    }

    func testUnknownDataset() {
        assertError("  dataset: mnist", "  dataset: mnsit", "experiments/x.yaml:4:12: error: unknown dataset 'mnsit'; did you mean 'mnist'?")
    }
}
