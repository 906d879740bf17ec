import RunLifecycle
import ArgumentParser
import Foundation
import RunStore
import Reports

/// `runner plot RUN...`: learning curves (accuracy and loss per epoch, train and validation) as one SVG.
struct PlotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot",
        abstract: "Draw the learning curves of runs as a standalone SVG: train solid, validation dashed, one colour per run.",
        discussion: """
            Each RUN is a run folder or a folder searched for run folders, as for compare. One panel per metric \
            (accuracy, loss, then any other such as learning_rate), epochs counted from 1. The legend names each run \
            by the settings that differ between the runs (learning_rate=0.01, seed=43), or by its run id when none \
            does; a run whose curves equal an earlier one's says so. The SVG scales to a browser's window. -o \
            replaces a file atomically, writes a device or FIFO as a stream and writes through a link; a folder is \
            refused.

            Examples:
              runner plot results/mnist-dense -o curves.svg
              runner plot results/mnist-dense/latest results/mnist-dropout/latest
            """
    )

    @Argument(help: "Run folders, or folders holding them (default: results).")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the SVG (- for standard output).", valueName: "FILE"))
    var output = "curves.svg"

    @Option(help: "A title above the curves.")
    var title: String?

    func run() throws {
        let runs: [RunFolderContents]
        do {
            runs = try RunFolderContents.discover((paths.isEmpty ? ["results"] : paths).map { URL(fileURLWithPath: $0) })
        } catch {
            throw RunnerFailure.located(error.description)
        }
        let plotted = zip(runs, Comparison(runs).labels).map { PlottedRun(label: $1, history: $0.history) }
        do {
            try OutputFile.write(LearningCurveSVG.render(plotted, title: title), to: output, nameInFolder: "curves.svg")
        } catch {
            throw RunnerFailure(error)
        }
        if output != "-" { print("Wrote \(output) (\(runs.count) run\(runs.count == 1 ? "" : "s"))") }
    }
}
