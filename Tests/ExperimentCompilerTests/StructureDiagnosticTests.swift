import ExperimentCompiler
import XCTest
import ModelKinds

/// Mistakes of structure and of consistency between sections, each asserted as the whole line.
final class StructureDiagnosticTests: XCTestCase {
    func testUnknownLayerKind() {
        assertError("    - dense: 10", "    - dens: 10", "experiments/x.yaml:12:7: error: unknown layer 'dens'; did you mean 'dense'?")
    }

    func testLayerMustStartWithItsKind() {
        assertDiagnostics(base.replacingOccurrences(of: "    - dense: 10\n      activation: softmax\n", with: "    - activation: softmax\n      dense: 10\n"),
                          ["experiments/x.yaml:12:7: error: 'model.layers[1]' must start with the layer's kind, such as 'dense: 512'; 'activation' is an option and comes after it"])
    }

    func testLastLayerWidthMustBeTheClassCount() {
        assertError("    - dense: 10", "    - dense: 12",
                    "experiments/x.yaml:12:14: error: the last layer has 12 units but mnist has 10 classes; sparse_categorical_crossentropy needs one unit per class")
    }

    func testProbabilityLossNeedsSoftmax() {
        assertError("      activation: softmax", "      activation: relu",
                    "experiments/x.yaml:13:19: error: sparse_categorical_crossentropy expects probabilities, but the last layer applies relu; use 'activation: softmax', or 'loss: {name: sparse_categorical_crossentropy, from_logits: true}' with a linear last layer")
    }

    func testSoftmaxWithFromLogitsIsWrong() {
        assertError("  loss: sparse_categorical_crossentropy", "  loss: {name: sparse_categorical_crossentropy, from_logits: true}",
                    "experiments/x.yaml:16:62: error: 'from_logits: true' expects raw scores, but the last layer applies softmax; drop 'activation: softmax' or set 'from_logits: false'")
    }

    func testFromLogitsOnlyForCrossEntropies() {
        assertError("  loss: sparse_categorical_crossentropy", "  loss: {name: mean_squared_error, from_logits: true}",
                    "experiments/x.yaml:16:36: error: mean_squared_error takes no 'from_logits' (only the cross-entropies do)")
    }

    func testUnsafeName() {
        assertError("name: mnist-dense", "name: runs/a",
                    "experiments/x.yaml:1:7: error: 'name' must be one path component of letters, digits, '-', '_' and '.', not 'runs/a' ('/' is not allowed)")
        assertError("name: mnist-dense", "name: ..", "experiments/x.yaml:1:7: error: 'name' cannot be '..'; it names a folder under results/, e.g. mnist-dense")
        assertError("name: mnist-dense", "name: ''", "experiments/x.yaml:1:7: error: 'name' is empty; it names the run folder, e.g. mnist-dense")
    }

    /// compare, plot and report skip hidden folders, so a run named '.x' would never show.
    func testAHiddenNameIsRefused() {
        assertError("name: mnist-dense", "name: .mnist-dense",
                    "experiments/x.yaml:1:7: error: 'name' cannot start with '.' ('.mnist-dense'): its folder under results/ would be "
                    + "hidden, and compare, plot and report skip hidden folders; write it without the dot, e.g. mnist-dense")
        assertDiagnostics(base, overrides: ["name=.runs"], [
            "--set name=.runs:1:12: error: 'name' cannot start with '.' ('.runs'): its folder under results/ would be "
                + "hidden, and compare, plot and report skip hidden folders; write it without the dot, e.g. runs",
        ])
    }

    func testNegativeSeed() {
        assertError("seed: 42", "seed: -1", "experiments/x.yaml:2:7: error: 'seed' must be between 0 and 18446744073709551615, not -1")
    }

    func testLayerMustBeAMapping() {
        assertDiagnostics(base.replacingOccurrences(of: "    - dense: 10\n      activation: softmax\n", with: "    - 10\n"),
                          ["experiments/x.yaml:12:7: error: 'model.layers[1]' must be a mapping that starts with the layer's kind, such as {dense: 512, activation: relu}, not an integer (10)"])
    }

    func testEmptyLayerList() {
        assertDiagnostics("name: a\ndata: {dataset: mnist}\nmodel: {layers: []}\ncompile: {optimizer: adam, loss: mean_squared_error}\n",
                          ["experiments/x.yaml:3:17: error: 'model.layers' is empty; add at least one layer such as '- dense: 10'"])
    }

    func testSectionMustBeAMapping() {
        assertDiagnostics(base.replacingOccurrences(of: "fit:\n  epochs: 10\n  batch_size: 256\n  shuffle: true\n  validation: test\n", with: "fit: 10\n"),
                          ["experiments/x.yaml:18:6: error: 'fit' must be a mapping such as {epochs: 10, batch_size: 32}, not an integer (10)"])
    }

    func testMetricListedTwice() {
        assertError("  metrics: [accuracy]", "  metrics: [accuracy, accuracy]",
                    "experiments/x.yaml:17:23: error: metric 'accuracy' is listed twice (first at line 17, column 13)")
    }

    func testValidationAndSplitTogether() {
        assertError("  validation: test", "  validation: test\n  validation_split: 0.1",
                    "experiments/x.yaml:23:3: error: give either 'fit.validation' or 'fit.validation_split', not both")
    }

    func testTopKLargerThanTheOutput() {
        assertError("  metrics: [accuracy]", "  metrics: [{name: top_k_categorical_accuracy, k: 11}]",
                    "experiments/x.yaml:17:51: error: 'compile.metrics[0].k' is 11 but the last layer has only 10 units")
    }

    func testFlattenFalseWithDenseLayers() {
        assertError("    flatten: true", "    flatten: false",
                    "experiments/x.yaml:10:7: error: 'model.layers[0].dense' gets images of (28, 28, 1) but a dense layer takes vectors; add '- flatten' before it, or set 'data.preprocess.flatten: true'")
    }

    func testEmptyFile() {
        assertDiagnostics("# nothing here\n", ["experiments/x.yaml:1:1: error: the experiment file is empty; it needs at least 'name', 'data', 'model' and 'compile' (see experiments/mnist-dense.yaml)"])
    }

    func testTopLevelMustBeAMapping() {
        assertDiagnostics("- a\n- b\n", ["experiments/x.yaml:1:1: error: an experiment must be a mapping of sections (name, seed, data, model, compile, fit), not a list"])
    }

    /// A folder the probe cannot use is reported once, at `dataset:`'s value, in either spelling.
    func testAnUnusableIDXFolderIsReportedAtTheDataset() {
        let compiler = Compiler { .unusable("\($0): dataset folder not found") }
        assertDiagnostics(edited("  dataset: mnist", "  dataset: ./idx/none"), compiler: compiler,
                          ["experiments/x.yaml:4:12: error: ./idx/none: dataset folder not found"])
        assertDiagnostics(edited("  dataset: mnist", "  dataset: {idx_folder: ./idx/none}"), compiler: compiler,
                          ["experiments/x.yaml:4:25: error: ./idx/none: dataset folder not found"])
    }

    func testIDXFolderShapeComesFromTheInjectedClosure() {
        let text = edited("  dataset: mnist", "  dataset: ./idx/letters")
        let compiler = Compiler { $0 == "./idx/letters" ? .shape(DatasetShape(features: 784, classes: 26)) : .unknown }
        assertDiagnostics(text, compiler: compiler,
                          ["experiments/x.yaml:12:14: error: the last layer has 10 units but the dataset in ./idx/letters has 26 classes; sparse_categorical_crossentropy needs one unit per class"])
        // Unknown shape: the loader will report; the compiler stays silent.
        XCTAssertNoThrow(try Compiler().compile(Array(text.utf8), source: source))
    }
}
