import ArgumentParser
import Datasets
import ExperimentCompiler
import Foundation
import Training

/// `runner EXP.yaml` (the default command): compile, load the data, train, evaluate on the test set.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train the experiment and evaluate it on the test set (the default command).",
        discussion: """
            Progress is shown as Keras shows it: a live bar on a terminal, one line per epoch otherwise.
            The last line gives the test loss and accuracy, the last epoch's train accuracy and the gap.

            Example:
              runner experiments/mnist-dense.yaml --set fit.epochs=2
            """
    )

    @OptionGroup var options: ExperimentOptions

    @Flag(name: .shortAndLong, help: "Print nothing while training; errors still go to stderr.")
    var quiet = false

    func run() throws {
        let compiled = try CompileStep.run(options)
        let builder = ModelBuilder(compiled.experiment)
        let dataset: Datasets.Dataset
        let sources: (train: BatchSource, validation: BatchSource?, test: BatchSource)
        do {
            dataset = try Datasets.Dataset.load(builder.datasetSource)
            sources = try builder.sources(dataset)
        } catch {
            throw RunnerFailure.usage(error.description)
        }
        let trainer: Trainer
        do {
            trainer = try builder.trainer(inputWidth: sources.train.featureCount)
        } catch {
            throw RunnerFailure.runFailed("\(error)")
        }
        let printer = quiet ? nil : ProgressPrinter(live: isatty(STDOUT_FILENO) != 0)
        let fit = compiled.experiment.fit
        let history: History
        do {
            history = try trainer.fit(
                sources.train, validation: sources.validation, epochs: fit.epochs, shuffle: fit.shuffle,
                seed: compiled.experiment.seed) { printer?.observe($0) }
        } catch {
            switch error {
            case let .diverged(epoch, step, loss, _):
                throw RunnerFailure.runFailed(
                    "the loss became \(loss) at epoch \(epoch), step \(step): training diverged; "
                        + "try a lower compile.optimizer.learning_rate")
            case .interrupted:
                throw RunnerFailure.interrupted
            }
        }
        let test = trainer.evaluate(sources.test)
        if !quiet { ProgressPrinter.standardOutput(ProgressPrinter.summary(test: test, history: history)) }
    }
}
