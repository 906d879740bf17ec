import Datasets
import ExperimentCompiler
import RunStore
import Training

/// A saved model's loss and metrics on a test split, as Keras' `model.evaluate` reports them.
public struct Evaluation {
    public var logs: Logs
    /// Test samples evaluated.
    public var samples: Int
    /// Batches of `fit.batch_size`, as training evaluated them.
    public var steps: Int
    /// `data.dataset` as resolved.json spells it (a name or a folder).
    public var dataset: String
}

extension SavedModel {
    /// Evaluates the saved weights in inference mode on the test split of the run's dataset, or of `data`
    /// (a dataset name or an IDX folder) with the run's preprocessing, batch by batch at `fit.batch_size`:
    /// on the run's own data the figures are bit for bit metrics.json's test figures.
    public func evaluate(on data: String? = nil) throws(RunnerFailure) -> Evaluation {
        var experiment = compiled.experiment
        if let data {
            switch Compiler.dataset(named: data) {
            case .success(let dataset): experiment.data.dataset = dataset
            case .failure(let problem): throw .usage("--data: \(problem.message)")
            }
        }
        // The run's own statistics, also for other data: saved with the run, or (an older folder) fitted again
        // on the run's own training split.
        var standardization = preprocessingForInference()?.standardization
        if compiled.experiment.data.standardize && standardization == nil {
            standardization = try Self.fittedStandardization(compiled.experiment)
        }
        var test: BatchSource, trainer: Trainer
        do throws(DatasetError) {
            // Without the statistics first: they apply only to data of the model's width, checked below.
            test = try ModelBuilder(experiment).testSource(standardization: nil)
        } catch {
            throw .located(error.description)
        }
        let testShape = ModelBuilder.inputShape(of: test)
        if testShape != model.inputShape {
            let image = if case .image = model.inputShape { true } else { false }
            let given = image ? "images of shape \(testShape.dimensions)" : "\(test.featureCount) features per sample"
            guard let data else {
                // The run trained on this data, so it is the model file that changed.
                let reason = image ? "its input_shape is \(model.inputShape.dimensions)" : "'dense.kernel' has \(inputWidth) rows"
                throw .located(ModelFileError.mismatch(path: modelPath, reason: "\(reason), the run's dataset has \(given)").description)
            }
            let takes = image ? "images of shape \(model.inputShape.dimensions)" : "\(inputWidth)"
            throw .usage("'\(data)' has \(given), the model in \(folder) takes \(takes); evaluate it on data of the same shape")
        }
        do { trainer = try ModelBuilder(experiment).evaluator(model: model) } catch { throw .runFailed("\(error)") }
        // Labels index the outputs: a class the model has no output for would be read past the batch's row.
        if test.count > 0, Int(test.split.maxLabel) >= trainer.model.outputWidth {
            let dataName = data.map { "'\($0)'" } ?? "the run's dataset"
            throw .usage("\(dataName) has labels up to \(test.split.maxLabel), the model in \(folder) has "
                + "\(trainer.model.outputWidth) outputs; evaluate it on data with at most \(trainer.model.outputWidth) classes")
        }
        if let standardization {
            var preprocessing = test.preprocessing
            preprocessing.standardization = standardization
            test = BatchSource(split: test.split, preprocessing: preprocessing)
        }
        return Evaluation(logs: trainer.evaluate(test), samples: test.count,
                          steps: (test.count + trainer.batchSize - 1) / trainer.batchSize,
                          dataset: Self.datasetText(experiment))
    }

    /// `data.dataset` as resolved.json spells it.
    static func datasetText(_ experiment: Experiment) -> String {
        experiment.resolvedJSON["data"]?["dataset"]?.string ?? "the run's dataset"
    }
}
