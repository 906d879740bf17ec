import ArgumentParser
import Datasets
import ExperimentCompiler
import Foundation
import NeuralNetwork
import RunStore
import Reports
import Training

/// `runner predict RUN --input FILE`: class probabilities and the predicted class per sample, as the
/// tutorial's `model.predict(x)` and `argmax`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict classes with a completed run's saved model: per-sample probabilities and the argmax, as CSV.",
        discussion: """
            Rebuilds the model from RUN/resolved.json, loads RUN/model.safetensors and runs it in inference mode on \
            FILE: an IDX images file (plain or gzipped, e.g. data/mnist/t10k-images-idx3-ubyte.gz) or a CSV with one \
            sample per line (784 numbers for MNIST; a header line is optional). Each value is preprocessed as the \
            experiment says (divided by data.scale, then standardised with the training split's statistics when \
            data.preprocess.standardize is on). Output: CSV 'index,predicted,p0,...' (index from 0, predicted \
            the first class with the highest output), written atomically to --output or printed.

            Example:
              runner predict results/mnist-dense/latest --input digits.csv --output predictions.csv
            """
    )

    @Argument(help: "A completed run folder, e.g. results/mnist-dense/latest.")
    var runFolder: String

    @Option(help: ArgumentHelp("An IDX images file (.gz or not) or a CSV of pixels, one sample per line.", valueName: "FILE"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the CSV here instead of printing it.", valueName: "FILE"))
    var output: String?

    func run() throws {
        let saved = try SavedModel(folder: runFolder)
        let experiment = saved.compiled.experiment
        guard let width = saved.inputWidth else {
            throw RunnerFailure.located(ModelFileError.mismatch(path: saved.modelPath, reason: "it has no tensor 'dense.kernel'").description)
        }
        var samples = try PredictionInput(path: input, width: width, scale: experiment.data.scale)
        if experiment.data.standardize {
            // The statistics are the training split's, as in training: fitted again from the run's own data.
            let standardization = try Self.trainingStandardization(experiment)
            samples.features.withUnsafeMutableBufferPointer { standardization?.apply(to: $0.baseAddress!, rows: samples.rows) }
        }
        let model: Sequential
        do {
            model = try ModelBuilder(experiment).trainer(inputWidth: width).model
        } catch {
            throw RunnerFailure.runFailed("\(error)")
        }
        try saved.load(into: model)
        let outputs = model.predict(samples.features, rows: samples.rows, batchSize: experiment.fit.batchSize)
        let text = Self.csv(outputs, width: model.outputWidth)
        guard let output else {
            print(text, terminator: "")
            return
        }
        do {
            try AtomicFile.write(text, to: output)
        } catch {
            throw RunnerFailure.runFailed(error.description)
        }
        print("Predictions: \(samples.rows) sample\(samples.rows == 1 ? "" : "s") -> \(output)")
    }

    /// The statistics the run trained with, fitted again on the same training split (loading the data,
    /// without building a trainer).
    static func trainingStandardization(_ experiment: Experiment) throws(RunnerFailure) -> Standardization? {
        let builder = ModelBuilder(experiment)
        do throws(DatasetError) {
            return try builder.sources(try builder.loadDataset()).train.preprocessing.standardization
        } catch {
            throw .usage(error.description)
        }
    }

    /// `index,predicted,p0,...,p9`, then one row per sample; floats in their shortest exact form.
    static func csv(_ outputs: [Float], width: Int) -> String {
        var text = "index,predicted," + (0..<width).map { "p\($0)" }.joined(separator: ",") + "\n"
        for row in 0..<(outputs.count / width) {
            let values = outputs[(row * width)..<((row + 1) * width)]
            text += "\(row),\(ConfusionMatrix.argmax(values)),"
                + values.map { "\($0)" }.joined(separator: ",") + "\n"
        }
        return text
    }
}
