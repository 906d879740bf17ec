import ExperimentCompiler
import XCTest
import YAML

/// Numbers finite in YAML that float32, where the engine keeps them, would turn into 0 or infinity.
final class EngineRangeTests: XCTestCase {
    let range = "must be representable as a 32-bit float (between 1.1754944e-38 and 3.4028235e+38)"

    func testALearningRateThatWouldBecomeZeroIsRefusedAtItsValue() {
        assertError("  optimizer: rmsprop", "  optimizer: {name: adam, learning_rate: 1e-50}",
                    "experiments/x.yaml:15:42: error: 'compile.optimizer.learning_rate' \(range), not 1e-50")
    }

    func testAPenaltyThatWouldBecomeInfinityIsRefused() {
        assertError("      activation: relu", "      activation: relu\n      kernel_regularizer: {l2: 1e39}",
                    "experiments/x.yaml:12:32: error: 'model.layers[0].kernel_regularizer.l2' must be in [0, 1e+29], not 1e39")
    }

    /// 1e38 is a float32, but 2 * l2 * w (the gradient) and l2 * sum(w^2) are not once they multiply: the factors
    /// stop at 1e29 (`Regularizer.factorBounds`), which the largest model allowed keeps finite.
    func testAPenaltyFiniteInFloat32ButOverflowingWhenMultipliedIsRefused() throws {
        assertDiagnostics(base, overrides: ["model.layers[0].kernel_regularizer={l1: 3e38, l2: 1.0000001e29}"], [
            "--set model.layers[0].kernel_regularizer={l1: 3e38, l2: 1.0000001e29}:1:47: error: "
                + "'model.layers[0].kernel_regularizer.l1' must be in [0, 1e+29], not 3e38",
            "--set model.layers[0].kernel_regularizer={l1: 3e38, l2: 1.0000001e29}:1:57: error: "
                + "'model.layers[0].kernel_regularizer.l2' must be in [0, 1e+29], not 1.0000001e29",
        ])
        let e = try compile(base, overrides: ["model.layers[0].kernel_regularizer={l1: 1e29, l2: 1e29}"])
        XCTAssertTrue(e.resolvedJSONText.contains("\"l1\": 1e+29"), e.resolvedJSONText)
    }

    /// rho in [0, 1): 0.99999999 is inside in Double but 1 in float32, where RMSprop's 1 - rho would be 0 and
    /// the average of squares frozen; the same for Adam's betas and a dropout rate (whose 1 / (1 - rate) overflows).
    func testADecayRateThatRoundsToOneInFloat32IsRefusedWithTheLargestThatDoesNot() throws {
        let end = "it must be in [0, 1) there too, so at most 0.99999994"
        assertDiagnostics(base, overrides: ["compile.optimizer.rho=0.99999999"], [
            "--set compile.optimizer.rho=0.99999999:1:29: error: 'compile.optimizer.rho' is 0.99999999, which is 1.0 as a 32-bit float "
                + "(what the engine computes with); \(end)",
        ])
        assertDiagnostics(base, overrides: ["compile.optimizer={name: adam, beta_1: 0.99999998, beta_2: 0.999999999}"], [
            "--set compile.optimizer={name: adam, beta_1: 0.99999998, beta_2: 0.999999999}:1:46: error: 'compile.optimizer.beta_1' "
                + "is 0.99999998, which is 1.0 as a 32-bit float (what the engine computes with); \(end)",
            "--set compile.optimizer={name: adam, beta_1: 0.99999998, beta_2: 0.999999999}:1:66: error: 'compile.optimizer.beta_2' "
                + "is 0.999999999, which is 1.0 as a 32-bit float (what the engine computes with); \(end)",
        ])
        assertError("    - dense: 10", "    - dropout: 0.9999999999\n    - dense: 10",
                    "experiments/x.yaml:12:16: error: 'model.layers[1].dropout' is 0.9999999999, which is 1.0 as a 32-bit float "
                        + "(what the engine computes with); \(end)")
        let e = try compile(base, overrides: ["compile.optimizer.rho=0.99999994"])
        XCTAssertTrue(e.resolvedJSONText.contains("\"rho\": 0.99999994"), e.resolvedJSONText)
    }

    /// Pixels are divided by `scale` in float32: a subnormal scale's reciprocal overflows.
    func testAScaleWhoseReciprocalOverflowsIsRefused() {
        assertError("    scale: 255", "    scale: 1e-40",
                    "experiments/x.yaml:7:12: error: 'data.preprocess.scale' \(range), not 1e-40")
    }

    /// Every real-valued setting goes through the same reader, overrides included.
    func testTheRuleHoldsForEveryNumberAndForOverrides() {
        assertDiagnostics(base, overrides: [
            "compile.optimizer.epsilon=1e-46",
            "compile.optimizer.momentum=1e-45",
            "compile.optimizer.rho=1e-39",
            "fit.learning_rate_schedule={name: reduce_lr_on_plateau, min_lr: 1e-300, min_delta: 5e38}",
            "fit.early_stopping={min_delta: 1e-40, baseline: -1e39}",
        ], [
            "--set compile.optimizer.epsilon=1e-46:1:33: error: 'compile.optimizer.epsilon' \(range), not 1e-46",
            "--set compile.optimizer.momentum=1e-45:1:34: error: 'compile.optimizer.momentum' \(range), not 1e-45",
            "--set compile.optimizer.rho=1e-39:1:29: error: 'compile.optimizer.rho' \(range), not 1e-39",
            "--set fit.learning_rate_schedule={name: reduce_lr_on_plateau, min_lr: 1e-300, min_delta: 5e38}:1:71: error: "
                + "'fit.learning_rate_schedule.min_lr' \(range), not 1e-300",
            "--set fit.learning_rate_schedule={name: reduce_lr_on_plateau, min_lr: 1e-300, min_delta: 5e38}:1:90: error: "
                + "'fit.learning_rate_schedule.min_delta' \(range), not 5e38",
            "--set fit.early_stopping={min_delta: 1e-40, baseline: -1e39}:1:38: error: 'fit.early_stopping.min_delta' \(range), not 1e-40",
            "--set fit.early_stopping={min_delta: 1e-40, baseline: -1e39}:1:55: error: 'fit.early_stopping.baseline' \(range), not -1e39",
        ])
        assertError("    - dense: 10", "    - dropout: 1e-39\n    - dense: 10",
                    "experiments/x.yaml:12:16: error: 'model.layers[1].dropout' \(range), not 1e-39")
    }

    /// The printed ends are accepted (they round to float32's smallest normal and largest finite numbers);
    /// the next values out are not, and 0 is representable.
    func testTheEndsOfTheRange() throws {
        for accepted in ["1.1754944e-38", "3.4028235e+38"] {
            let e = try compile(base, overrides: ["compile.optimizer.learning_rate=\(accepted)"])
            XCTAssertTrue(e.resolvedJSONText.contains("\"learning_rate\": \(Double(accepted)!)"), accepted)
        }
        XCTAssertNoThrow(try compile(base, overrides: ["compile.optimizer.momentum=0"]))
        assertDiagnostics(base, overrides: ["compile.optimizer.learning_rate=1.1754942e-38", "compile.optimizer.epsilon=3.4028236e+38"], [
            "--set compile.optimizer.learning_rate=1.1754942e-38:1:39: error: 'compile.optimizer.learning_rate' \(range), not 1.1754942e-38",
            "--set compile.optimizer.epsilon=3.4028236e+38:1:33: error: 'compile.optimizer.epsilon' \(range), not 3.4028236e+38",
        ])
    }
}
