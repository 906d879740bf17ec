import Datasets
import ExperimentCompiler
import RunStore
import Training

/// The data and the trainer an experiment needs, ready to fit: what `run` and `bench` both start from.
public struct PreparedRun {
    public var sources: (train: BatchSource, validation: BatchSource?, test: BatchSource)
    public var trainer: Trainer
    /// What inference will need of the training data, saved in the run folder.
    public var preprocessing: PreprocessingFile

    /// Loads the dataset (a missing or damaged one is the user's to fix: status 2) and builds the network.
    public init(_ experiment: Experiment) throws(RunnerFailure) {
        let builder = ModelBuilder(experiment)
        let classNames: [String]?
        do {
            let dataset = try builder.loadDataset()
            classNames = dataset.classNames
            sources = try builder.sources(dataset)
        } catch {
            // A DatasetError's description already reads `PATH: error: ...`.
            throw .located(error.description)
        }
        preprocessing = PreprocessingFile(standardization: sources.train.preprocessing.standardization, classNames: classNames)
        do {
            trainer = try builder.trainer(input: ModelBuilder.inputShape(of: sources.train))
        } catch {
            throw .runFailed("\(error)")
        }
    }
}
