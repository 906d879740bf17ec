import ExperimentCompiler
import Foundation
import TestSupport
import XCTest

/// The resolved experiment (`runner check --json`, resolved.json) is itself an experiment file that compiles
/// back to the same resolved experiment, byte for byte.
final class ResolvedFixpointTests: XCTestCase {
    func assertFixpoint(_ text: String, overrides: [String] = [], _ label: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let resolved = try Compiler().compile(Array(text.utf8), source: label, overrides: overrides).resolvedJSONText
        let again: String
        do {
            again = try Compiler().compile(Array(resolved.utf8), source: "resolved.json").resolvedJSONText
        } catch {
            return XCTFail("\(label): the resolved experiment does not compile:\n\(error)\n\(resolved)", file: file, line: line)
        }
        XCTAssertEqual(again, resolved, label, file: file, line: line)
    }

    func testEveryExampleExperiment() throws {
        let folder = RunnerProcess.packageRoot.appendingPathComponent("experiments")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        XCTAssertGreaterThanOrEqual(files.count, 4)
        for name in files {
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            try assertFixpoint(text, "experiments/\(name)")
        }
    }

    func testEveryNewFormAndEverySchedule() throws {
        let forms = [
            ["model.layers[0].kernel_regularizer=l1_l2", "fit.early_stopping={monitor: val_accuracy, baseline: -2, patience: 3}"],
            ["model.layers[1].kernel_regularizer={l1: 0.001}", "fit.validation={split: 0.1}",
             "fit.learning_rate_schedule={name: reduce_lr_on_plateau, monitor: accuracy, mode: max}"],
            ["fit.learning_rate_schedule={name: exponential_decay, decay_steps: 100, decay_rate: 0.5, staircase: true}"],
            ["fit.learning_rate_schedule={name: cosine_decay, decay_steps: 1000, alpha: 0.1}"],
            ["fit.learning_rate_schedule={name: step_decay, every: 5, factor: 0.5}", "compile.optimizer=adamw"],
            ["data.dataset=./data/letters", "compile.loss={name: sparse_categorical_crossentropy, from_logits: true}",
             "model.layers[1].activation=linear", "compile.metrics=[accuracy, {name: top_k_categorical_accuracy, k: 3}]"],
        ]
        let withDropout = base.replacingOccurrences(of: "      activation: relu\n", with: "      activation: relu\n    - dropout: {rate: 0.25, seed: 3}\n")
        try assertFixpoint(withDropout, "dropout")
        for overrides in forms { try assertFixpoint(base, overrides: overrides, "\(overrides)") }
    }

    func testLongFormDenseEqualsShortForm() throws {
        let long = edited("    - dense: 512", "    - dense: {units: 512, kernel_regularizer: {l2: 0.0001}}")
        let short = edited("    - dense: 512", "    - dense: 512\n      kernel_regularizer: {l2: 0.0001}")
        XCTAssertEqual(try compile(long), try compile(short))
    }

    func testEpsilonPlacementIsRecordedAndAcceptedOnlyAsKeras() throws {
        XCTAssertTrue(try compile(base).resolvedJSONText.contains("\"epsilon_placement\": \"inside_sqrt\""))
        _ = try compile(edited("  optimizer: rmsprop", "  optimizer: {name: rmsprop, epsilon_placement: inside_sqrt}"))
        assertError("  optimizer: rmsprop", "  optimizer: {name: rmsprop, epsilon_placement: outside_sqrt}",
                    "experiments/x.yaml:15:49: error: 'compile.optimizer.epsilon_placement' can only be 'inside_sqrt' (Keras 3: w -= lr * g / sqrt(v + epsilon)), not 'outside_sqrt'")
        assertError("  optimizer: rmsprop", "  optimizer: {name: adam, epsilon_placement: inside_sqrt}",
                    "experiments/x.yaml:15:27: error: unknown key 'epsilon_placement' in 'compile.optimizer' (expected one of: name, learning_rate, beta_1, beta_2, epsilon, amsgrad)")
    }
}
