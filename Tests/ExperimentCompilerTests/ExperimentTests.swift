import Foundation
import ExperimentCompiler
import TestSupport
import XCTest
import ModelKinds

/// What a correct file compiles to: defaults, short and long forms, the seed experiment, its JSON.
final class ExperimentTests: XCTestCase {
    let minimal = """
        name: tiny
        data: {dataset: fashion-mnist}
        model: {layers: [{dense: 10, activation: softmax}]}
        compile: {optimizer: adam, loss: sparse_categorical_crossentropy}

        """

    func testDefaultsAreKeras3s() throws {
        let e = try compile(minimal)
        XCTAssertEqual(e, Experiment(
            name: "tiny", seed: 0,
            data: DataSpec(dataset: .fashionMNIST, flatten: true, scale: 1),
            model: ModelSpec(layers: [.dense(DenseSpec(units: 10, activation: .softmax, useBias: true,
                                                   kernelInitializer: .glorotUniform, biasInitializer: .zeros))]),
            compile: CompileSpec(optimizer: .adam(.init(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false)),
                                 loss: Loss(.sparseCategoricalCrossentropy, fromLogits: false), metrics: []),
            fit: FitSpec(epochs: 1, batchSize: 32, shuffle: true, validation: .none)))
    }

    func testEveryOptimizerShortFormGetsItsDefaults() throws {
        let expected: [String: OptimizerSpec] = [
            "sgd": .sgd(.init(learningRate: 0.01, momentum: 0, nesterov: false)),
            "rmsprop": .rmsprop(.init(learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false)),
            "adam": .adam(.init(learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false)),
            "adamw": .adamw(.init(learningRate: 0.001, weightDecay: 0.004, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, amsgrad: false)),
            "adagrad": .adagrad(.init(learningRate: 0.001, initialAccumulatorValue: 0.1, epsilon: 1e-7)),
        ]
        for (name, optimizer) in expected {
            let e = try compile(minimal.replacingOccurrences(of: "optimizer: adam", with: "optimizer: \(name)"))
            XCTAssertEqual(e.compile.optimizer, optimizer, name)
        }
    }

    func testLongFormsOverrideOnlyWhatTheyName() throws {
        let text = """
            name: long
            seed: 18446744073709551615
            data: {dataset: ./idx/digits, preprocess: {scale: 255}}
            model:
              layers:
                - {dense: 64, activation: tanh, use_bias: false, kernel_initializer: he_normal, bias_initializer: ones}
                - {dense: 10}
            compile:
              optimizer: {name: sgd, learning_rate: 0.1, nesterov: true}
              loss: {name: categorical_crossentropy, from_logits: true}
              metrics: [accuracy, top_k_categorical_accuracy, {name: top_k_categorical_accuracy, k: 3}]
            fit: {epochs: 2, validation_split: 0.25, shuffle: false}

            """
        let e = try compile(text.replacingOccurrences(of: "top_k_categorical_accuracy, {", with: "{"))
        XCTAssertEqual(e.seed, UInt64.max)
        XCTAssertEqual(e.data, DataSpec(dataset: .idxFolder("./idx/digits"), flatten: true, scale: 255))
        XCTAssertEqual(e.model.layers, [
            .dense(DenseSpec(units: 64, activation: .tanh, useBias: false, kernelInitializer: .heNormal, biasInitializer: .ones)),
            .dense(DenseSpec(units: 10)),
        ])
        XCTAssertEqual(e.compile.optimizer, .sgd(.init(learningRate: 0.1, momentum: 0, nesterov: true)))
        XCTAssertEqual(e.compile.loss, Loss(.categoricalCrossentropy, fromLogits: true))
        XCTAssertEqual(e.compile.metrics, [.accuracy, .topKCategoricalAccuracy(k: 3)])
        XCTAssertEqual(e.fit, FitSpec(epochs: 2, batchSize: 32, shuffle: false, validation: .split(0.25)))
        // A short-form top-k metric takes Keras' default k.
        XCTAssertEqual(try compile(text.replacingOccurrences(of: ", {name: top_k_categorical_accuracy, k: 3}", with: "")).compile.metrics,
                       [.accuracy, .topKCategoricalAccuracy(k: 5)])
    }

    func testSeedExperimentCompilesTo407050Parameters() throws {
        let url = RunnerProcess.packageRoot.appendingPathComponent("experiments/mnist-dense.yaml")
        let e = try Compiler().compile(Array(try Data(contentsOf: url)), source: "experiments/mnist-dense.yaml")
        XCTAssertEqual(e, Experiment(
            name: "mnist-dense", seed: 42,
            data: DataSpec(dataset: .mnist, flatten: true, scale: 255),
            model: ModelSpec(layers: [.dense(DenseSpec(units: 512, activation: .relu)), .dense(DenseSpec(units: 10, activation: .softmax))]),
            compile: CompileSpec(optimizer: .rmsprop(.init(learningRate: 0.001, rho: 0.9, momentum: 0, epsilon: 1e-7, centered: false)),
                                 loss: Loss(.sparseCategoricalCrossentropy), metrics: [.accuracy]),
            fit: FitSpec(epochs: 10, batchSize: 256, shuffle: true, validation: .test)))
        XCTAssertEqual(Compiler().shape(of: e.data.dataset), DatasetShape(rows: 28, columns: 28, classes: 10))
        XCTAssertEqual(e.parameterCount(input: .vector(784)), 784 * 512 + 512 + 512 * 10 + 10)
        XCTAssertEqual(e.parameterCount(input: .vector(784)), 407_050)
        let summary = e.summary(input: .vector(784))
        XCTAssertTrue(summary.contains(" dense (Dense)                     (None, 512)             401,920   802,816\n"), summary)
        XCTAssertTrue(summary.contains(" dense_1 (Dense)                   (None, 10)              5,130     10,240\n"), summary)
        XCTAssertTrue(summary.contains("Total params: 407,050 (1.55 MB)\n"), summary)
    }

    func testResolvedJSONIsCanonicalAndStable() throws {
        let e = try compile(minimal)
        XCTAssertEqual(e.resolvedJSONText, """
            {
              "compile": {
                "loss": {
                  "from_logits": false,
                  "name": "sparse_categorical_crossentropy"
                },
                "metrics": [],
                "optimizer": {
                  "amsgrad": false,
                  "beta_1": 0.9,
                  "beta_2": 0.999,
                  "epsilon": 1e-07,
                  "learning_rate": 0.001,
                  "name": "adam"
                }
              },
              "data": {
                "dataset": "fashion-mnist",
                "preprocess": {
                  "flatten": true,
                  "scale": 1.0,
                  "standardize": false
                }
              },
              "fit": {
                "batch_size": 32,
                "early_stopping": null,
                "epochs": 1,
                "learning_rate_schedule": null,
                "shuffle": true,
                "validation": "none"
              },
              "model": {
                "layers": [
                  {
                    "dense": {
                      "activation": "softmax",
                      "bias_initializer": "zeros",
                      "kernel_initializer": "glorot_uniform",
                      "kernel_regularizer": null,
                      "units": 10,
                      "use_bias": true
                    }
                  }
                ]
              },
              "name": "tiny",
              "seed": 0
            }

            """)
        // Written differently, same experiment, same bytes: the text is a function of the experiment only.
        let respelled = """
            compile: {loss: {name: sparse_categorical_crossentropy}, optimizer: {name: adam, learning_rate: 1.0e-3}}
            model:
              layers:
                - dense: 10
                  activation: softmax
            data: {dataset: fashion-mnist, preprocess: {flatten: true, scale: 1}}
            fit: {batch_size: 32}
            seed: 0
            name: tiny

            """
        XCTAssertEqual(try compile(respelled).resolvedJSONText, e.resolvedJSONText)
    }

    func testJSONPrinterEscapesAndFormatsNumbers() {
        let value = JSONValue.object(["b": .array([.int(-3), .double(0.1), .double(1e-7), .double(255), .null]),
                                      "a": .string("q\"\\\n\u{01}é"), "c": .object([:]), "B": .bool(true)])
        XCTAssertEqual(value.canonicalText,
                       "{\n  \"B\": true,\n  \"a\": \"q\\\"\\\\\\n\\u0001é\",\n  \"b\": [\n    -3,\n    0.1,\n    1e-07,\n    255.0,\n    null\n  ],\n  \"c\": {}\n}\n")
    }

    func testSeveralMistakesAreAllReportedInLineOrder() {
        let text = """
            fit:
              epochs: 0
            name: my run
            compile:
              optimizer: {name: rmsprop, rho: 2}
              loss: categorical_crossentropy
              metrics: [acuracy]
            model:
              layers:
                - dense: 51.2
                  activation: rleu
            data: {dataset: mnsit}
            unknown: 1

            """
        assertDiagnostics(text, [
            "experiments/x.yaml:2:11: error: 'fit.epochs' must be between 1 and 2147483647, not 0",
            "experiments/x.yaml:3:7: error: 'name' must be one path component of letters, digits, '-', '_' and '.', not 'my run' (' ' is not allowed)",
            "experiments/x.yaml:5:35: error: 'compile.optimizer.rho' must be in [0, 1), not 2",
            "experiments/x.yaml:7:13: error: unknown metric 'acuracy'; did you mean 'accuracy'?",
            "experiments/x.yaml:10:14: error: 'model.layers[0].dense' must be an integer, not a number (51.2)",
            "experiments/x.yaml:11:19: error: unknown activation 'rleu'; did you mean 'relu'?",
            "experiments/x.yaml:12:17: error: unknown dataset 'mnsit'; did you mean 'mnist'?",
            "experiments/x.yaml:13:1: error: unknown key 'unknown' at the top level (expected one of: name, seed, data, model, compile, fit)",
        ])
    }

    func testSuggestionDistance() {
        XCTAssertEqual(Suggestion.distance("rleu", "relu"), 1)
        XCTAssertEqual(Suggestion.distance("kitten", "sitting"), 3)
        XCTAssertEqual(Suggestion.closest(to: "ReLU", among: ["relu", "elu"]), "relu")
        XCTAssertEqual(Suggestion.closest(to: "softm", among: ["softmax", "softplus"]), "softmax")
        XCTAssertNil(Suggestion.closest(to: "xavier", among: ["glorot_uniform", "he_normal"]))
    }
}
