import Datasets
import ExperimentCompiler
import ModelKinds
import NeuralNetwork
import Training
import XCTest

/// A non-finite loss stops training at its batch and says which layer blew up first.
final class DivergenceTests: XCTestCase {
    func trainer(_ experiment: Experiment) throws -> (Trainer, BatchSource) {
        let builder = ModelBuilder(experiment)
        let train = TrainingFixtures.mnist.train.slice(0..<256).preprocessed(builder.preprocessing)
        return (try builder.trainer(inputWidth: train.featureCount), train)
    }

    func testAnExplodedLayerIsNamedAndTheWeightsAreLeftAsTheyWere() throws {
        let experiment = try TrainingFixtures.experiment(["model.layers=[{dense: 32, activation: relu}, {dense: 16, activation: relu}, {dense: 10, activation: softmax}]"])
        let (trainer, train) = try trainer(experiment)
        // Layer 1's weights at the edge of Float: its inputs are finite and its sums overflow.
        let kernel = trainer.model.denseLayers[1].kernel
        for i in kernel.range { trainer.model.parameters.values[i] = 3e38 }
        let before = Array(trainer.model.parameters.values)
        XCTAssertThrowsError(try trainer.fit(train, validation: nil, epochs: 1, shuffle: false, seed: 1) { _ in }) { error in
            guard case TrainingError.diverged(1, 1, let loss) = error else { return XCTFail("\(error)") }
            XCTAssertFalse(loss.isFinite)
        }
        let found = try XCTUnwrap(trainer.divergence)
        XCTAssertEqual(found.layer, 1)
        XCTAssertEqual(found.largestWeight, 3e38)
        XCTAssertEqual(found.gradientNorms.keys.sorted(), [0, 1, 2])
        XCTAssertTrue(found.description.hasPrefix("model.layers[1] was the first layer to output non-finite values (its largest weight: 3e+38); gradient norms of model.layers: [0] "), found.description)
        XCTAssertEqual(Array(trainer.model.parameters.values), before, "the failing step's update is not applied")
    }

    func testAHugeLearningRateIsTracedToALayer() throws {
        let experiment = try TrainingFixtures.experiment(["compile.optimizer={name: sgd, learning_rate: 1.0e+30}"])
        let (trainer, train) = try trainer(experiment)
        XCTAssertThrowsError(try trainer.fit(train, validation: nil, epochs: 1, shuffle: false, seed: 1) { _ in })
        let found = try XCTUnwrap(trainer.divergence)
        XCTAssertNotNil(found.layer, found.description)
    }

    func testAFitThatDoesNotDivergeReportsNothing() throws {
        let (trainer, train) = try trainer(try TrainingFixtures.experiment())
        _ = try trainer.fit(train, validation: nil, epochs: 1, shuffle: false, seed: 1) { _ in }
        XCTAssertNil(trainer.divergence)
    }
}

/// The report covers every layer with weights: a convolution's kernel is where the first non-finite output is traced.
final class ConvnetDivergenceTests: XCTestCase {
    func testAnExplodedConvolutionIsNamedWithItsLargestWeight() throws {
        let model = try Sequential(input: .image(height: 4, width: 4, channels: 1), layers: [
            .conv2D(Conv2DSpec(filters: 2, kernelSize: .square(3))), .batchNormalization(BatchNormalizationSpec()),
            .flatten, .dense(DenseSpec(units: 3, activation: .softmax)),
        ], seed: 1)
        model.parameters.values[0] = 3e38  // with the next, a sum past Float.greatestFiniteMagnitude
        model.parameters.values[2] = 3e38  // kernel [kh, kw, in, out]: 0 and 2 are both filter 0's
        model.parameters.gradients.update(repeating: 1)
        let input = [Float](repeating: 1, count: 2 * 16)
        let divergence = Divergence.locate(in: model, input: input, rows: 2)
        XCTAssertEqual(divergence.layer, 0)
        XCTAssertEqual(divergence.largestWeight, 3e38)
        // conv2d: 18 + 2 weights; batch norm: gamma and beta (2 + 2), not its moving statistics; dense 2 * 2 * 2 * 3 + 3.
        XCTAssertEqual(divergence.gradientNorms, [0: Double(20).squareRoot(), 1: 2, 3: Double(24 + 3).squareRoot()])
    }
}
