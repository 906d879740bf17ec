import ArgumentParser
import RunLifecycle

/// The root command: `runner EXP.yaml` runs an experiment, `runner check EXP.yaml` only compiles it.
struct Runner: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runner",
        abstract: "Train the neural network an experiment file describes, in Keras' vocabulary.",
        discussion: """
            An experiment is a YAML file with the sections name, seed, data, model, compile (optimizer, loss, metrics) and fit (epochs, batch_size, ...); docs/experiments.md describes every key. Any value can be changed from the command line with --set PATH=VALUE. The file is checked as a whole and every mistake is reported as file:line:col: error: message.

            Examples:
              runner check experiments/mnist-dense.yaml
              runner experiments/mnist-dense.yaml --set fit.epochs=2
              runner compare results/mnist-dense
              runner report -o report.html
              runner diff results/mnist-dense/RUN_A results/mnist-dense/RUN_B

            Exit status: 0 success (or a run already completed), 1 the run failed, 2 a usage or experiment error, 130 interrupted (Ctrl-C).
            """,
        version: RunnerVersion.runner,
        subcommands: [
            RunCommand.self, CheckCommand.self, SweepCommand.self, CompareCommand.self, DiffCommand.self, PlotCommand.self, ReportCommand.self,
            VerifyCommand.self, EvaluateCommand.self, PredictCommand.self, DataCommand.self, BenchCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )
}
