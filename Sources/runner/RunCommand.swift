import RunLifecycle
import ArgumentParser
import ExperimentCompiler
import Foundation
import Training

/// `runner EXP.yaml` (the default command): compile, load the data, train, evaluate on the test set.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train the experiment and evaluate it on the test set (the default command).",
        // The generated synopsis is 93 columns; help must fit 80.
        usage: "runner [run] <experiment> [--set <PATH=VALUE> ...] [<options>]",
        discussion: """
            Progress is shown as Keras shows it: a live bar on a terminal, one line per epoch otherwise. \
            The closing lines give the test loss and accuracy, the last epoch's train accuracy, the gap, and \
            the run folder: results/<name>/<run-id>/ with experiment.yaml, resolved.json, history.csv, \
            history.json, metrics.json, model.safetensors and run.json (docs/results.md); results/<name>/latest \
            links to the last run that completed. A run that already completed with the same resolved \
            experiment is skipped; Ctrl-C keeps every finished epoch and exits 130.

            Example:
              runner experiments/mnist-dense.yaml --set fit.epochs=2
            """
    )

    @OptionGroup var options: ExperimentOptions

    @Flag(name: .shortAndLong, help: "Print nothing while training; errors still go to stderr.")
    var quiet = false

    @Option(name: .customLong("results"), help: ArgumentHelp(
        "The folder that receives run folders (<DIR>/<name>/<run-id>/).", valueName: "DIR"))
    var resultsRoot = "results"

    @Flag(help: "Train again even when this exact run already completed.")
    var force = false

    func run() throws {
        let compiled = try CompileStep.run(options)
        _ = try TrainingRun(compiled: compiled, resultsRoot: resultsRoot, overrides: options.overrides,
                            force: force, quiet: quiet).execute()
    }
}
