import RunLifecycle
import ArgumentParser
import Foundation
import RunStore
import Reports

/// `runner compare [PATH...]`: one row per run, the settings that differ and how each run did.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs: the settings that differ between them, accuracies, gap and status, one row per run.",
        usage: "runner compare [<paths> ...] [<options>]",  // the generated one is 103 columns
        discussion: """
            Each PATH is a run folder (results/NAME/RUN_ID) or a folder searched for run folders at any depth \
            ('latest' links and dot-files are skipped, so no run is listed twice). Columns: name, run id, one \
            column per setting whose value differs between the runs (headed by its last key-path component; \
            csv and json use the full key path), epochs (finished/planned for a run that stopped short), the last \
            epoch's train accuracy, test accuracy, gap (train - test accuracy, in points), best epoch by \
            validation loss (from 1) and status. A run that did not complete shows no test accuracy or gap. \
            --per-class adds each class's test accuracy (the share of its test samples predicted as it) from \
            metrics.json's per_class_accuracy.

            Examples:
              runner compare
              runner compare results/mnist-dense --sort test_accuracy --format markdown
              runner compare results/mnist-dense --per-class --sort class_8
            """
    )

    @Argument(help: "Run folders, or folders holding them (default: results).")
    var paths: [String] = []

    @Option(help: ArgumentHelp("Order the rows by this column (its header or its csv key); numbers numerically, missing values last.",
                               valueName: "COLUMN"))
    var sort: String?

    @Option(help: "Output format: table (aligned, for a terminal), markdown, csv or json.")
    var format: TableFormat = .table

    @Flag(help: "Add each class's test accuracy after test_accuracy (class_0, class_1, ...; csv and json: per_class_accuracy[N]).")
    var perClass = false

    @Flag(help: "Leave out the setting columns: for runs of different experiments, whose settings differ everywhere.")
    var noSettings = false

    func run() throws {
        let folders = (paths.isEmpty ? ["results"] : paths).map { URL(fileURLWithPath: $0) }
        let runs: [RunFolderContents]
        do {
            runs = try RunFolderContents.discover(folders)
        } catch {
            throw RunnerFailure.located(error.description)
        }
        let comparison = Comparison(runs)
        var table = perClass ? comparison.perClassTable : comparison.table
        if noSettings { table = table.removing(columns: Set(comparison.differingPaths)) }
        if let sort {
            do {
                table = try table.sorted(by: sort)
            } catch {
                throw RunnerFailure.usage(error.description)
            }
        }
        print(table.rendered(as: format), terminator: "")
    }
}

extension TableFormat: ExpressibleByArgument {}
