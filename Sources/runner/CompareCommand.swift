import RunLifecycle
import ArgumentParser
import Foundation
import RunStore
import Reports

/// `runner compare [PATH...]`: one row per seed group (or per run), the settings that differ and how they did;
/// with `--baseline`, a verdict for every other group.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare runs: one row per group of seeds (or per run), the settings that differ, accuracy and gap; verdicts against a baseline.",
        usage: "runner compare [<paths> ...] [<options>]",  // the generated one is over 100 columns
        discussion: """
            Each PATH is a run folder (results/NAME/RUN_ID) or a folder searched for run folders at any depth \
            ('latest' links and dot-files are skipped, so no run is listed twice).

            Groups: runs whose resolved experiments differ only in 'seed' form one row: n (completed runs), then for \
            test accuracy, the gap (train - test accuracy, in points) and each --metric the mean, the standard \
            deviation and a 95% interval from Student's t with n-1 degrees of freedom; for n = 1, the Clopper-Pearson \
            interval of the test accuracy from its test-set counts, marked *. Groups are shown when some group has \
            more than one run, or with --groups, --baseline or --metric; otherwise (and with --runs) one row per run: \
            name, run id, the differing settings, epochs, train and test accuracy, gap, best epoch and status.

            --baseline RUN compares every other group with RUN's group on the seeds both completed: the paired mean \
            difference with its t interval, the paired t-test's p, Holm's correction across the groups compared, the \
            exact sign-flip p beside it, and a verdict at 0.05 (better, worse, or noise with the seeds a difference of \
            that size would need for 80% power). See docs/results.md for every formula.

            A run folder that cannot be read is named on stderr (PATH: warning: ...) and left out; the rest is shown \
            and the exit status is 0. csv and json carry every digit.

            Examples:
              runner compare
              runner compare results/mnist-dense \\
                --baseline results/mnist-dense/seed=42-3fa9c21b
              runner compare results/mnist-dense --runs --sort -test_accuracy \\
                --format markdown
            """
    )

    @Argument(help: "Run folders, or folders holding them (default: results).")
    var paths: [String] = []

    // Unconditional, so `--sort -gap` is the column `-gap` (descending), not an unknown option.
    @Option(parsing: .unconditional, help: ArgumentHelp("Order the rows by this column (its header or its csv key), -COLUMN descending; numbers numerically, missing values last.",
                               valueName: "COLUMN"))
    var sort: String?

    @Option(help: "Output format: table (aligned, for a terminal), markdown, csv or json.")
    var format: TableFormat = .table

    @Flag(help: "One row per run, even where runs differ only in their seed.")
    var runs = false

    @Flag(help: "One row per group of seeds, even where every group has one run.")
    var groups = false

    @Option(help: ArgumentHelp("Judge every other group against the group of this run folder.", valueName: "RUN"))
    var baseline: String?

    @Option(help: ArgumentHelp("Also summarise this number of metrics.json per group (repeatable), e.g. test.loss.", valueName: "NAME"))
    var metric: [String] = []

    @Flag(help: "Add each class's test accuracy after test_accuracy (class_0, class_1, ...; csv and json: per_class_accuracy[N]); one row per run.")
    var perClass = false

    @Flag(help: "Leave out the setting columns: for runs of different experiments, whose settings differ everywhere.")
    var noSettings = false

    func validate() throws {
        if runs, groups { throw ValidationError("--runs and --groups ask for different rows; choose one") }
        if runs || perClass, baseline != nil || !metric.isEmpty {
            throw ValidationError("--baseline and --metric work on groups of seeds; leave out \(runs ? "--runs" : "--per-class")")
        }
    }

    func run() throws {
        let found = try RunFolderSearch.read(paths, damaged: "(left out)")
        let seedGroups = SeedGroups(found.runs)
        if groups || baseline != nil || !metric.isEmpty || (!runs && !perClass && seedGroups.hasSeeds) {
            print(try groupReport(seedGroups).rendered(as: format), terminator: "")
            return
        }
        let comparison = Comparison(found.runs)
        var table = perClass ? comparison.perClassTable : comparison.table
        if noSettings { table = table.removing(columns: Set(comparison.differingPaths)) }
        if let sort {
            do { table = try table.sorted(by: sort) } catch { throw RunnerFailure.usage(error.description) }
        }
        print(table.rendered(as: format), terminator: "")
    }
}

extension TableFormat: ExpressibleByArgument {}

