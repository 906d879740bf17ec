import ExperimentCompiler
import ModelKinds
import TestSupport
import XCTest

/// Keras' "Simple MNIST convnet" without comments; tests change lines and keep every line number.
private let convnet = """
name: convnet
data:
  dataset: mnist
  preprocess: {flatten: false, scale: 255}
model:
  layers:
    - conv2d: 32
      kernel_size: [3, 3]
      activation: relu
    - max_pooling2d: [2, 2]
    - conv2d: 64
      kernel_size: 3
      activation: relu
    - max_pooling2d: 2
    - flatten
    - dropout: 0.5
    - dense: 10
      activation: softmax
compile: {optimizer: adam, loss: categorical_crossentropy, metrics: [accuracy]}
fit: {epochs: 15, batch_size: 128, validation_split: 0.1}

"""

/// `convnet` with each `(old, new)` whole line replaced (each old line exactly once).
private func convnet(_ changes: (String, String)...) -> String {
    var lines = convnet.components(separatedBy: "\n")
    for (old, new) in changes {
        let hits = lines.indices.filter { lines[$0] == old }
        precondition(hits.count == 1, "line '\(old)' should occur once")
        lines[hits[0]] = new
    }
    return lines.joined(separator: "\n")
}

/// The convolutional vocabulary: Keras 3's defaults, shapes, parameters and FLOPs inferred before any data
/// loads, and every shape mistake at the layer's line and column with the fix.
final class ConvolutionDiagnosticTests: XCTestCase {
    func testKerasConvnetShapesAndParameters() throws {
        let e = try compile(convnet)
        XCTAssertEqual(e.model.layers[0], .conv2D(Conv2DSpec(filters: 32, kernelSize: Size2D(3, 3), activation: .relu)))
        XCTAssertEqual(e.model.layers[1], .maxPooling2D(Pooling2DSpec(poolSize: .square(2))))
        XCTAssertEqual(e.model.layers[4], .flatten)
        let input = e.inputShape(try XCTUnwrap(Compiler().shape(of: e.data.dataset)))
        XCTAssertEqual(input, .image(height: 28, width: 28, channels: 1))
        let shapes = e.model.layers.shapes(input: input)
        XCTAssertNil(shapes.failure.map { "\($0)" })
        XCTAssertEqual(shapes.layers.map(\.output.description), ["(26, 26, 32)", "(13, 13, 32)", "(11, 11, 64)", "(5, 5, 64)", "1600", "1600", "10"])
        // Keras' count_params: 3*3*1*32 + 32, 3*3*32*64 + 64, 1600*10 + 10.
        XCTAssertEqual(shapes.layers.map(\.parameters), [320, 0, 18_496, 0, 0, 0, 16_010])
        XCTAssertEqual(e.parameterCount(input: input), 34_826)
        // 2 per multiply-add: 26*26*32 outputs of 9 products; 11*11*64 of 288; 1600*10.
        XCTAssertEqual(shapes.layers[0].flops, 2 * 26 * 26 * 32 * 9)
        XCTAssertEqual(shapes.layers[2].flops, 2 * 11 * 11 * 64 * 288)
        XCTAssertEqual(shapes.layers[2].products, [ProductShape(m: 121, n: 64, k: 288)])
        let summary = e.summary(input: input)
        XCTAssertTrue(summary.contains(" conv2d_1 (Conv2D)                 (None, 11, 11, 64)      18,496    4,460,544\n"), summary)
        XCTAssertTrue(summary.contains(" max_pooling2d_1 (MaxPooling2D)    (None, 5, 5, 64)        0         6,400\n"), summary)
        XCTAssertTrue(summary.contains("Total params: 34,826 (136.04 KB)\n"), summary)
    }

    func testPaddingSameStridesAndBatchNormalization() throws {
        let e = try compile(convnet(
            ("      kernel_size: [3, 3]", "      kernel_size: [5, 3]\n      strides: 2\n      padding: same\n      use_bias: false"),
            ("    - max_pooling2d: [2, 2]", "    - batch_normalization: {momentum: 0.9, center: false}"),
            ("    - max_pooling2d: 2", "    - average_pooling2d: {pool_size: 3, strides: [2, 1], padding: same}")))
        XCTAssertEqual(e.model.layers[0], .conv2D(Conv2DSpec(filters: 32, kernelSize: Size2D(5, 3), strides: .square(2), padding: .same,
                                                             activation: .relu, useBias: false)))
        XCTAssertEqual(e.model.layers[1], .batchNormalization(BatchNormalizationSpec(momentum: 0.9, center: false)))
        XCTAssertEqual(e.model.layers[3], .averagePooling2D(Pooling2DSpec(poolSize: .square(3), strides: Size2D(2, 1), padding: .same)))
        let shapes = e.model.layers.shapes(input: .image(height: 28, width: 28, channels: 1)).layers
        // same: ceil(28 / 2) = 14; then 3x3 valid: 12; pooling same with strides (2, 1): ceil(12/2), ceil(12/1).
        XCTAssertEqual(shapes.map(\.output.description).prefix(4), ["(14, 14, 32)", "(14, 14, 32)", "(12, 12, 64)", "(6, 12, 64)"])
        XCTAssertEqual(shapes[0].parameters, 5 * 3 * 32)
        XCTAssertEqual(shapes[1].trainableParameters, 32)  // gamma only (center: false)
        XCTAssertEqual(shapes[1].nonTrainableParameters, 64)  // moving mean and variance
        // The resolved experiment compiles back to itself.
        XCTAssertEqual(try compile(e.resolvedJSONText), e)
    }

    func testEveryShapeMistakeAtOnceWithTheFix() {
        assertDiagnostics(convnet(
            ("      kernel_size: 3", "      kernel_size: 30"),
            ("    - flatten", "    - dropout: 0.1")), [
                "experiments/x.yaml:12:20: error: 'model.layers[2].conv2d' has kernel_size (30, 30), larger than its input (13, 13, 32) with padding valid, which leaves nothing; use a smaller kernel_size, or 'padding: same'",
            ])
        assertDiagnostics(convnet(("    - flatten", "    - dropout: 0.1")), [
            "experiments/x.yaml:17:7: error: 'model.layers[6].dense' gets images of (5, 5, 64) but a dense layer takes vectors; add '- flatten' before it",
        ])
        assertDiagnostics(convnet(("    - max_pooling2d: 2", "    - max_pooling2d: 12")), [
            "experiments/x.yaml:14:7: error: 'model.layers[3].max_pooling2d' has pool_size (12, 12), larger than its input (11, 11, 64) with padding valid, which leaves nothing; use a smaller pool_size, or 'padding: same'",
        ])
        assertDiagnostics(convnet(("    - max_pooling2d: 2", "    - max_pooling2d: {pool_size: 2, strides: 0}"), ("      activation: softmax", "")), [
            "experiments/x.yaml:14:46: error: 'model.layers[3].strides' must be between 1 and 16777216, not 0",
        ])
        assertDiagnostics(convnet(("  preprocess: {flatten: false, scale: 255}", "  preprocess: {flatten: true, scale: 255}")), [
            "experiments/x.yaml:7:7: error: 'model.layers[0].conv2d' needs images (height, width, channels), but 'data.preprocess.flatten' is true, so each example is a vector of 784 values; set 'flatten: false' to keep (28, 28, 1)",
        ])
        assertDiagnostics(convnet(("    - flatten", "    - flatten\n    - conv2d: 8\n      kernel_size: 1"), ("    - dense: 10", "    - dense: 12")), [
            "experiments/x.yaml:16:7: error: 'model.layers[5].conv2d' needs images (height, width, channels), but the layer before gives a vector of 1600 values; convolution and pooling layers go before 'flatten' and 'dense'",
            "experiments/x.yaml:19:14: error: the last layer has 12 units but mnist has 10 classes; categorical_crossentropy needs one unit per class",
        ])
    }

    func testConvolutionOptionsAreChecked() {
        assertDiagnostics(convnet(
            ("      kernel_size: [3, 3]", "      padding: full"),
            ("      kernel_size: 3", "      kernel_size: [3, 3, 3]"),
            ("    - max_pooling2d: 2", "    - max_pooling2d: {pool_size: 2, stride: 2}")), [
                "experiments/x.yaml:7:15: error: 'model.layers[0]' needs a 'kernel_size', such as 'kernel_size: 3' or 'kernel_size: [3, 3]' (Keras has no default)",
                "experiments/x.yaml:8:16: error: unknown padding 'full' (expected one of: valid, same)",
                "experiments/x.yaml:12:20: error: 'model.layers[2].kernel_size' must be an integer or a list of two integers [height, width], not a list of 3",
                "experiments/x.yaml:14:37: error: unknown key 'stride' in 'model.layers[3].max_pooling2d'; did you mean 'strides'?",
            ])
        assertDiagnostics(convnet(("    - flatten", "    - flatten: 3"), ("    - dropout: 0.5", "    - batch_normalization: {epsilon: 0}")), [
            "experiments/x.yaml:15:16: error: 'model.layers[4].flatten' takes no value; write '- flatten', or give its options as a mapping such as {}",
            "experiments/x.yaml:16:38: error: 'model.layers[5].epsilon' must be greater than 0, not 0",
        ])
    }

    func testACSVDatasetCannotFeedAConvolution() {
        let compiler = Compiler(csvProbe: { _ in .shape(DatasetShape(features: 4, classes: 10)) })
        assertDiagnostics(convnet(("  dataset: mnist", "  dataset: {csv: iris.csv, label: species, test_fraction: 0.2}")), compiler: compiler, [
            "experiments/x.yaml:7:7: error: 'model.layers[0].conv2d' needs images (height, width, channels), but iris.csv gives each example as a vector of 4 values; a CSV dataset cannot feed a conv2d layer, so use dense layers",
        ])
    }

    func testTheModelEndsWithADenseLayer() {
        assertDiagnostics(convnet(("    - dense: 10", "    - flatten"), ("      activation: softmax", "")), [
            "experiments/x.yaml:17:7: error: the last layer is a flatten layer; the model must end with a dense layer (its output is what the loss reads), so add one such as '- dense: 10' after it",
        ])
    }
}
