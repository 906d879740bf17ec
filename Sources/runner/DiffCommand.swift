import RunLifecycle
import ArgumentParser
import Foundation
import RunStore
import Reports

/// `runner diff RUN_A RUN_B`: configuration changes, then the metrics side by side with the change.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show how two runs differ: configuration changes (A -> B), then metrics with B - A.",
        discussion: """
            Configuration differences are key paths of resolved.json, 'path: old -> new', with (absent) for a \
            key path only one run has. The metrics table lists every number in metrics.json (train and test \
            loss and metrics, the gap in points, the best epoch by validation loss, each class's test accuracy as \
            per_class_accuracy[N]; not the confusion matrix's counts) for A and B and the change \
            B - A, in the spirit of dvc metrics diff; a run that did not complete shows no test figures. \
            When the runs kept their test predictions (test-predictions.csv), McNemar's exact test on the examples \
            one run gets right and the other wrong says whether the accuracy difference is beyond test-set noise. \
            --history adds the per-epoch history of both runs side by side (epochs from 1). csv prints the \
            metrics table alone (the history table alone with --history).

            Example:
              runner diff --history results/mnist-dense/lr=0.01-3fa9c21b \\
                results/mnist-dense/lr=0.001-8d2e4b10
            """
    )

    @Argument(help: "The first run folder (A).")
    var runA: String

    @Argument(help: "The second run folder (B).")
    var runB: String

    @Flag(help: "Also show the per-epoch history of both runs side by side.")
    var history = false

    @Option(help: "Output format: table (for a terminal), markdown, csv or json.")
    var format: TableFormat = .table

    func run() throws {
        var diff: RunDiff
        do {
            diff = RunDiff(try RunFolderContents.load(URL(fileURLWithPath: runA)),
                           try RunFolderContents.load(URL(fileURLWithPath: runB)))
            diff.predictions = try PredictionDiff(diff.a, diff.b)
        } catch {
            throw RunnerFailure.located(error.description)
        }
        print(diff.rendered(as: format, history: history), terminator: "")
    }
}
