import ExperimentCompiler
import XCTest

/// Sizes refused at compile time, before any data is loaded or memory allocated, at the line that asks.
final class LimitTests: XCTestCase {
    func testATenGigabyteModelIsRefusedAtTheLayerThatCrossesTheLimit() {
        // 784 x 3,200,000 weights + 3,200,000 biases: 2.5 billion float32 parameters, 10 GB.
        assertError("    - dense: 512", "    - dense: 3200000",
                    "experiments/x.yaml:10:14: error: 'model.layers[0].dense' brings the model to 2512000000 parameters (10.0 GB of float32 weights, as much again for gradients); at most 2147483648 are allowed, so make the layers narrower")
    }

    func testTheLimitCountsEveryLayerAndPointsAtTheLongFormsUnits() {
        // 784 x 2000 + 2000, then 2000 x 1,100,000 + 1,100,000: the second layer crosses the limit.
        let text = base.replacingOccurrences(of: "    - dense: 512\n      activation: relu\n",
                                             with: "    - dense: 2000\n    - dense: {units: 1100000, activation: relu}\n    - dense: 1000\n")
        assertDiagnostics(text, ["experiments/x.yaml:11:22: error: 'model.layers[1].dense' brings the model to 2202670000 parameters (8.8 GB of float32 weights, as much again for gradients); at most 2147483648 are allowed, so make the layers narrower"])
    }

    func testAModelJustUnderTheLimitCompiles() throws {
        // 784 x 2,700,000 + 2,700,000 = 2,119,500,000 parameters.
        XCTAssertNoThrow(try compile(edited("    - dense: 512", "    - dense: 2700000")))
    }

    func testAnOverrideIsCheckedLikeTheFile() {
        assertDiagnostics(base, overrides: ["model.layers[0].dense=3200000"],
                          ["--set model.layers[0].dense=3200000:1:29: error: 'model.layers[0].dense' brings the model to 2512000000 parameters (10.0 GB of float32 weights, as much again for gradients); at most 2147483648 are allowed, so make the layers narrower"])
    }

    func testTooManyLayersAreRefused() {
        let layers = String(repeating: "    - dense: 10\n", count: Compiler.maximumLayerCount) + "    - dense: 10\n      activation: softmax\n"
        let text = base.replacingOccurrences(of: "    - dense: 512\n      activation: relu\n    - dense: 10\n      activation: softmax\n", with: layers)
        assertDiagnostics(text, ["experiments/x.yaml:10:5: error: 'model.layers' has 1025 layers; at most 1024 are allowed"])
    }
}
