import ArgumentParser
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
        let prepared = try PreparedRun(compiled.experiment)
        let (sources, trainer) = (prepared.sources, prepared.trainer)
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
        // With `validation: test` the last epoch already evaluated the test set with the final weights.
        let test = fit.validation == .test && history.last != nil
            ? history.last!.unprefixed("val_") : trainer.evaluate(sources.test)
        if !quiet { ProgressPrinter.standardOutput(ProgressPrinter.summary(test: test, history: history)) }
    }
}
