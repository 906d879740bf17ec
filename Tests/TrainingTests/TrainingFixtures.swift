import Datasets
import ExperimentCompiler
import Training
import XCTest

/// A small MNIST experiment: 2,000 training and 500 test samples, so a fit takes a fraction of a second.
enum TrainingFixtures {
    static let mnist: LoadedDataset = try! LoadedDataset.load(DatasetCatalog.mnist)

    static func experiment(_ overrides: [String] = []) throws -> Experiment {
        let text = """
            name: small
            seed: 7
            data: {dataset: mnist, preprocess: {flatten: true, scale: 255}}
            model:
              layers:
                - dense: 32
                  activation: relu
                - dense: 10
                  activation: softmax
            compile: {optimizer: rmsprop, loss: sparse_categorical_crossentropy, metrics: [accuracy]}
            fit: {epochs: 2, batch_size: 64}
            """
        return try Compiler().compile(Array(text.utf8), source: "small.yaml", overrides: overrides)
    }

    /// Trains `experiment` on the small slices and returns the history, the events seen and the test logs.
    static func fit(_ experiment: Experiment, trainCount: Int = 2000) throws -> (History, [TrainingEvent], Logs) {
        let builder = ModelBuilder(experiment)
        let train = mnist.train.slice(0..<trainCount).preprocessed(builder.preprocessing)
        let test = mnist.test.slice(0..<500).preprocessed(builder.preprocessing)
        let trainer = try builder.trainer(inputWidth: train.featureCount)
        var events: [TrainingEvent] = []
        let history = try trainer.fit(train, validation: test, epochs: experiment.fit.epochs,
                                      shuffle: experiment.fit.shuffle, seed: experiment.seed) { events.append($0) }
        return (history, events, trainer.evaluate(test))
    }
}
