import Datasets
import ExperimentCompiler
import Training

/// The data and the trainer an experiment needs, ready to fit: what `run` and `bench` both start from.
struct PreparedRun {
    var sources: (train: BatchSource, validation: BatchSource?, test: BatchSource)
    var trainer: Trainer

    /// Loads the dataset (a missing or damaged one is the user's to fix: status 2) and builds the network.
    init(_ experiment: Experiment) throws(RunnerFailure) {
        let builder = ModelBuilder(experiment)
        do {
            sources = try builder.sources(try builder.loadDataset())
        } catch {
            throw .usage(error.description)
        }
        do {
            trainer = try builder.trainer(inputWidth: sources.train.featureCount)
        } catch {
            throw .runFailed("\(error)")
        }
    }
}
