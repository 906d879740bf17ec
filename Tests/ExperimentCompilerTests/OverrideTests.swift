import ExperimentCompiler
import XCTest
import ModelKinds

/// `--set PATH=VALUE` on the node tree: same checks, diagnostics that name the argument.
final class OverrideTests: XCTestCase {
    func testReplacesAValue() throws {
        let e = try compile(base, overrides: ["fit.epochs=3", "model.layers[0].dense=256", "compile.metrics=[accuracy, top_k_categorical_accuracy]"])
        XCTAssertEqual(e.fit.epochs, 3)
        XCTAssertEqual(e.model.layers[0], .dense(DenseSpec(units: 256, activation: .relu)))
        XCTAssertEqual(e.compile.metrics, [.accuracy, .topKCategoricalAccuracy(k: 5)])
        XCTAssertEqual(e.parameterCount(input: .vector(784)), 784 * 256 + 256 + 256 * 10 + 10)
    }

    func testLaterOverrideWins() throws {
        XCTAssertEqual(try compile(base, overrides: ["fit.epochs=3", "fit.epochs=4"]).fit.epochs, 4)
    }

    func testWidensAShortForm() throws {
        let e = try compile(base, overrides: ["compile.optimizer.learning_rate=0.01"])
        XCTAssertEqual(e.compile.optimizer, .rmsprop(.init(learningRate: 0.01, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false)))
        let logits = try compile(base, overrides: ["compile.loss.from_logits=true", "model.layers[1].activation=linear"])
        XCTAssertEqual(logits.compile.loss, Loss(.sparseCategoricalCrossentropy, fromLogits: true))
    }

    func testAddsNewKeysAndSections() throws {
        let e = try compile(edited("  shuffle: true", "  # shuffle by default"),
                            overrides: ["fit.shuffle=false", "model.layers[0].use_bias=false", "data.preprocess.scale=127.5"])
        XCTAssertFalse(e.fit.shuffle)
        XCTAssertEqual(e.model.layers[0], .dense(DenseSpec(units: 512, activation: .relu, useBias: false)))
        XCTAssertEqual(e.data.scale, 127.5)
        let noFit = base.replacingOccurrences(of: "fit:\n  epochs: 10\n  batch_size: 256\n  shuffle: true\n  validation: test\n", with: "")
        XCTAssertEqual(try compile(noFit, overrides: ["fit.batch_size=64"]).fit, FitSpec(batchSize: 64))
    }

    func testAnAddedUnknownKeyIsJudgedByTheCompiler() {
        assertDiagnostics(base, overrides: ["fit.epoch=3"],
                          ["--set fit.epoch=3:1:11: error: unknown key 'epoch' in 'fit'; did you mean 'epochs'?"])
    }

    func testBadValuesGetTheSameChecksAndNameTheArgument() {
        assertDiagnostics(base, overrides: ["fit.epochs=0", "compile.optimizer.learning_rate=-1", "model.layers[0].dense=\"10\""], [
            "--set fit.epochs=0:1:18: error: 'fit.epochs' must be between 1 and 2147483647, not 0",
            "--set compile.optimizer.learning_rate=-1:1:39: error: 'compile.optimizer.learning_rate' must be greater than 0, not -1",
            "--set model.layers[0].dense=\"10\":1:29: error: 'model.layers[0].dense' must be an integer, not a string (\"10\")",
        ])
        assertDiagnostics(base, overrides: ["compile.metrics=[accuracy, acuracy]"],
                          ["--set compile.metrics=[accuracy, acuracy]:1:34: error: unknown metric 'acuracy'; did you mean 'accuracy'?"])
    }

    func testFileDiagnosticsComeBeforeOverrideDiagnostics() {
        assertDiagnostics(edited("  dataset: mnist", "  dataset: mnsit"), overrides: ["fit.epochs=0"], [
            "experiments/x.yaml:4:12: error: unknown dataset 'mnsit'; did you mean 'mnist'?",
            "--set fit.epochs=0:1:18: error: 'fit.epochs' must be between 1 and 2147483647, not 0",
        ])
    }

    func testIndexPastTheEnd() {
        assertDiagnostics(base, overrides: ["model.layers[2].dense=3"],
                          ["--set model.layers[2].dense=3:1:19: error: index 2 is past the end of 'model.layers', which has 2 items (indices start at 0)"])
    }

    func testUnknownTopLevelKeyGetsASuggestion() {
        assertDiagnostics(base, overrides: ["fitt.epochs=3"],
                          ["--set fitt.epochs=3:1:7: error: unknown top-level key 'fitt'; did you mean 'fit'?"])
    }

    func testPathThroughAScalar() {
        assertDiagnostics(base, overrides: ["fit.epochs.max=3"],
                          ["--set fit.epochs.max=3:1:18: error: cannot set 'fit.epochs.max': 'fit.epochs' is an integer (10), not a mapping"])
        assertDiagnostics(base, overrides: ["fit[0]=3"],
                          ["--set fit[0]=3:1:10: error: cannot set 'fit[0]': 'fit' is a mapping, not a list"])
        assertDiagnostics(base, overrides: ["model.layers.dense=3"],
                          ["--set model.layers.dense=3:1:20: error: cannot set 'model.layers.dense': 'model.layers' is a list; pick an item by index, such as model.layers[0]"])
    }

    func testMalformedArguments() {
        assertDiagnostics(base, overrides: ["fit.epochs", "=3", "fit..epochs=3", "model.layers[x].dense=3", "fit.epochs=[3"], [
            "--set fit.epochs:1:7: error: expected PATH=VALUE, such as --set fit.epochs=20",
            "--set =3:1:7: error: the path before '=' is empty; expected PATH=VALUE, such as --set fit.epochs=20",
            "--set fit..epochs=3:1:11: error: malformed path 'fit..epochs': unexpected '.'; write keys separated by '.' and list items as [N], such as model.layers[0].dense",
            "--set model.layers[x].dense=3:1:19: error: malformed path 'model.layers[x].dense': expected a list index such as [0]; write keys separated by '.' and list items as [N], such as model.layers[0].dense",
            "--set fit.epochs=[3:1:20: error: did not find expected ',' or ']' (while parsing a flow sequence from line 1, column 1)",
        ])
    }

    func testParsedPath() throws {
        let o = try Override(parsing: "model.layers[10].dense=64")
        XCTAssertEqual(o.steps.map(\.kind), [.key("model"), .key("layers"), .index(10), .key("dense")])
        XCTAssertEqual(o.steps.map(\.mark.column), [7, 13, 19, 24])
        XCTAssertEqual(o.value.scalar?.value, .int(64))
        XCTAssertEqual(o.value.mark.description, "--set model.layers[10].dense=64:1:30")
    }

    /// Found by the fuzzer: a 60,000-step path overflowed the stack (Fuzz/regressions/override-path-60000-steps).
    func testOverridePathDeeperThanTheNestingLimit() {
        let path = "fit" + String(repeating: ".a", count: 64)
        assertDiagnostics(base, overrides: [path + "=1"],
            ["--set \(path)=1:1:137: error: the path has 65 steps; a path may have at most 64, as deep as an experiment file may nest"])
        let deep = "fit" + String(repeating: ".a", count: 60_000)
        assertDiagnostics(base, overrides: [deep + "=1"],
            ["--set \(deep)=1:1:137: error: the path has 60001 steps; a path may have at most 64, as deep as an experiment file may nest"])
    }
}
