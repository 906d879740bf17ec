import ExperimentCompiler
import Datasets
import NeuralNetwork
import RunStore
import Training

/// A saved model's outputs for the samples of an input file, as the tutorial's `model.predict(x)` and `argmax`.
public struct Predictions {
    /// rows x width, row-major.
    public var outputs: [Float]
    public var width: Int
    public var rows: Int
    /// The training data's class names (preprocessing.json's `class_names`), when its classes have names.
    public var classNames: [String]? = nil

    /// `index,predicted,p0,...,p9` (with `predicted_name` after `predicted` when the classes have names), then
    /// one row per sample; floats in their shortest exact form.
    public var csv: String {
        let names = classNames.flatMap { $0.count == width ? $0 : nil }
        var text = "index,predicted," + (names == nil ? "" : "predicted_name,") + (0..<width).map { "p\($0)" }.joined(separator: ",") + "\n"
        for row in 0..<rows {
            let values = outputs[(row * width)..<((row + 1) * width)]
            let predicted = ConfusionMatrix.argmax(values)
            text += "\(row),\(predicted)," + (names.map { CSVTable.field($0[predicted]) + "," } ?? "")
                + values.map { "\($0)" }.joined(separator: ",") + "\n"
        }
        return text
    }
}

extension SavedModel {
    /// Runs the saved weights in inference mode (an inference model: no optimizer state) on the samples of
    /// `input`, an IDX images file or a CSV of numbers, preprocessed as in training: divided by `data.scale`,
    /// then standardised with the statistics saved when the run trained.
    public func predict(input: String) throws(RunnerFailure) -> Predictions {
        let experiment = compiled.experiment
        let width = inputWidth
        // A CSV dataset's own file may be given: its label column, found by name in the header, is left out.
        var label: String?
        if case .csv(let csv) = experiment.data.dataset { label = csv.label }
        var samples = try PredictionInput(path: input, width: width, scale: experiment.data.scale, labelColumn: label)
        if experiment.data.standardize {
            var standardization = preprocessingForInference()?.standardization
            if standardization == nil { standardization = try Self.fittedStandardization(experiment) }
            samples.features.withUnsafeMutableBufferPointer { standardization?.apply(to: $0.baseAddress!, rows: samples.rows) }
        }
        let outputs = model.predict(samples.features, rows: samples.rows, batchSize: experiment.fit.batchSize)
        return Predictions(outputs: outputs, width: model.outputWidth, rows: samples.rows,
                           classNames: preprocessing?.classNames)
    }

    /// For a run folder without saved statistics: fitted again on the same training split.
    static func fittedStandardization(_ experiment: ExperimentCompiler.Experiment) throws(RunnerFailure) -> Standardization? {
        let builder = ModelBuilder(experiment)
        do throws(DatasetError) {
            return try builder.sources(try builder.loadDataset()).train.preprocessing.standardization
        } catch {
            throw .located(error.description)
        }
    }
}
