import Datasets
import ExperimentCompiler
import ModelKinds
import NeuralNetwork
import Training
import XCTest

/// Every kind the compiler accepts (each name it reads from ModelKinds) compiles, reaches the engine as the same
/// value through `ModelBuilder`, and trains one small epoch to a finite loss: a kind added to ModelKinds without
/// an engine implementation, or bridged wrongly, fails here.
final class KindCoverageTests: XCTestCase {
    /// A 784-16-10 model on MNIST with `hidden` as the first layer's options, `last` as the last layer's.
    private func experiment(hidden: String = "activation: relu", extraLayer: String = "", last: String = "activation: softmax",
                            compile: String = "optimizer: sgd, loss: sparse_categorical_crossentropy") throws -> Experiment {
        let text = """
            name: kinds
            seed: 3
            data: {dataset: mnist, preprocess: {flatten: true, scale: 255}}
            model:
              layers:
                - dense: 16
                  \(hidden)
            \(extraLayer)
                - dense: 10
                  \(last)
            compile: {\(compile), metrics: [accuracy]}
            fit: {epochs: 1, batch_size: 32}
            """
        return try Compiler().compile(Array(text.utf8), source: "kinds.yaml", overrides: [])
    }

    /// Builds the trainer, checks it holds the compiled layers, and fits one epoch of 64 samples to a finite loss.
    private func build(_ experiment: Experiment, input: TensorShape? = nil, file: StaticString = #filePath, line: UInt = #line) throws -> Sequential {
        let builder = ModelBuilder(experiment)
        let train = TrainingFixtures.mnist.train.slice(0..<64).preprocessed(builder.preprocessing)
        XCTAssertEqual(ModelBuilder.inputShape(of: train), input ?? .vector(784), file: file, line: line)
        let trainer = try builder.trainer(input: ModelBuilder.inputShape(of: train))
        XCTAssertEqual(trainer.model.layerSpecs, experiment.model.layers, file: file, line: line)
        let history = try trainer.fit(train, validation: nil, epochs: 1, shuffle: true, seed: experiment.seed) { _ in }
        let loss = try XCTUnwrap(history.last?["loss"], file: file, line: line)
        XCTAssertTrue(loss.isFinite, "loss \(loss)", file: file, line: line)
        return trainer.model
    }

    func testEveryActivation() throws {
        for activation in Activation.allCases {
            let model = try build(try experiment(hidden: "activation: \(activation.rawValue)"))
            XCTAssertEqual(model.specs[0].activation, activation)
        }
    }

    func testEveryInitializer() throws {
        for initializer in Initializer.allCases {
            let name = initializer.rawValue
            let model = try build(try experiment(
                hidden: "activation: relu\n      kernel_initializer: \(name)\n      bias_initializer: \(name)"))
            XCTAssertEqual(model.specs[0].kernelInitializer, initializer)
            XCTAssertEqual(model.specs[0].biasInitializer, initializer)
        }
    }

    func testEveryLossWithAndWithoutLogits() throws {
        for kind in LossKind.allCases {
            for fromLogits in kind.probabilityActivation == nil ? [false] : [false, true] {
                let activation = fromLogits ? .linear : kind.probabilityActivation ?? .linear
                let e = try experiment(last: "activation: \(activation.rawValue)",
                                       compile: "optimizer: sgd, loss: {name: \(kind.rawValue), from_logits: \(fromLogits)}"
                                           .replacingOccurrences(of: ", from_logits: false", with: ""))
                XCTAssertEqual(e.compile.loss, Loss(kind, fromLogits: fromLogits))
                _ = try build(e)
            }
        }
    }

    func testEveryOptimizer() throws {
        for defaults in OptimizerSpec.defaults {
            let e = try experiment(compile: "optimizer: \(defaults.name), loss: sparse_categorical_crossentropy")
            XCTAssertEqual(e.compile.optimizer, defaults)
            _ = try build(e)
            let optimizer = makeOptimizer(e.compile.optimizer, parameterCount: 3)
            let expected: any Optimizer.Type
            switch defaults {
            case .sgd: expected = SGD.self
            case .rmsprop: expected = RMSprop.self
            case .adam: expected = Adam.self
            case .adamw: expected = AdamW.self
            case .adagrad: expected = Adagrad.self
            }
            XCTAssertTrue(type(of: optimizer) == expected, "\(defaults.name) built \(type(of: optimizer))")
        }
    }

    func testEveryLayerKind() throws {
        for kind in LayerKind.allCases {
            let layer: String
            switch kind {
            case .dense: layer = "    - dense: 12\n      activation: tanh"
            case .dropout: layer = "    - dropout: 0.25"
            case .batchNormalization: layer = "    - batch_normalization: {momentum: 0.9}"
            case .flatten: layer = "    - flatten"
            // Layers that need images: testEveryImageLayerKind.
            case .conv2D, .maxPooling2D, .averagePooling2D, .globalAveragePooling2D: continue
            }
            let model = try build(try experiment(extraLayer: layer))
            XCTAssertEqual(model.layerSpecs[1].kind, kind)
        }
    }

    /// The layers that need images, on MNIST kept as (28, 28, 1): every kind in one model, and global average
    /// pooling in a second (it ends the image part instead of flatten).
    func testEveryImageLayerKind() throws {
        func convnet(_ layers: String) throws -> Experiment {
            let text = """
                name: kinds
                seed: 3
                data: {dataset: mnist, preprocess: {flatten: false, scale: 255}}
                model:
                  layers:
                \(layers)
                    - dense: 10
                      activation: softmax
                compile: {optimizer: adam, loss: sparse_categorical_crossentropy, metrics: [accuracy]}
                fit: {epochs: 1, batch_size: 16}
                """
            return try Compiler().compile(Array(text.utf8), source: "kinds.yaml", overrides: [])
        }
        let first = try build(try convnet("""
                - conv2d: 4
                  kernel_size: 3
                  activation: relu
                - batch_normalization
                - max_pooling2d: 2
                - average_pooling2d: {pool_size: 2, padding: same}
                - flatten
            """), input: .image(height: 28, width: 28, channels: 1))
        let second = try build(try convnet("""
                - conv2d: 6
                  kernel_size: [3, 2]
                  strides: 2
                  padding: same
                - global_average_pooling2d
            """), input: .image(height: 28, width: 28, channels: 1))
        let kinds = Set((first.layerSpecs + second.layerSpecs).map(\.kind))
        XCTAssertEqual(kinds, Set(LayerKind.allCases).subtracting([.dropout]))
    }
}
