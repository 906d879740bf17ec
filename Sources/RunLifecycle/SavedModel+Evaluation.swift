import Datasets
import ExperimentCompiler
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
        // A run that standardised keeps its statistics; without them (an older folder) they are fitted again.
        let saved = preprocessingForInference()
        let test: BatchSource, trainer: Trainer
        if experiment.data.standardize && saved?.standardization == nil {
            test = try PreparedRun(experiment).sources.test
        } else {
            do throws(DatasetError) {
                test = try ModelBuilder(experiment).testSource(standardization: saved?.standardization)
            } catch {
                throw .usage(error.description)
            }
        }
        if let width = inputWidth, width != test.featureCount {
            let dataName = data.map { "'\($0)'" } ?? "the run's dataset"
            throw .usage("\(dataName) has \(test.featureCount) features per sample, the model in "
                + "\(folder) takes \(width); evaluate it on data of the same shape")
        }
        do { trainer = try ModelBuilder(experiment).evaluator(inputWidth: test.featureCount) } catch { throw .runFailed("\(error)") }
        try load(into: trainer.model)
        return Evaluation(logs: trainer.evaluate(test), samples: test.count,
                          steps: (test.count + trainer.batchSize - 1) / trainer.batchSize,
                          dataset: Self.datasetText(experiment))
    }

    /// `data.dataset` as resolved.json spells it.
    static func datasetText(_ experiment: Experiment) -> String {
        experiment.resolvedJSON["data"]?["dataset"]?.string ?? "the run's dataset"
    }
}
