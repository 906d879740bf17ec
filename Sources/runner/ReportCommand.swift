import ArgumentParser
import Foundation
import Reports
import RunLifecycle
import RunStore
import Sweeps

/// `runner report [PATH...] -o report.html`: one self-contained HTML page of the runs' groups, curves and facts.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write one self-contained HTML report of runs: summary, learning curves, gap chart, confusion matrices, run details.",
        usage: "runner report [<paths> ...] [-o <file>] [--baseline <run>]",
        discussion: """
            Each PATH is a run folder or a folder searched for run folders, as for compare. The page holds, in \
            order: one row per configuration (runs differing only in seed) with n, test accuracy and gap with \
            their 95% intervals, the verdict against --baseline and the status counts, sortable by a click on a \
            header; each configuration's learning curves (the mean over its seeds, a band from the lowest to the \
            highest seed; train solid, validation dashed); test accuracy against the gap with interval whiskers; \
            each configuration's confusion matrix with per-class accuracy; and every run's status, epochs, times, \
            host, kernels and threads, command and overrides, collapsed.

            The file needs nothing else: styles, charts (inline SVG) and a small optional script are in it and \
            nothing is fetched, so it opens offline from file://. A run folder that cannot be read is named on \
            stderr (PATH: warning: ...) and listed as damaged in the report. See docs/report.md.

            Examples:
              runner report
              runner report results/mnist-dense -o mnist.html \\
                --baseline results/mnist-dense/seed=42-3fa9c21b
            """
    )

    @Argument(help: "Run folders, or folders holding them (default: results).")
    var paths: [String] = []

    @Option(name: .shortAndLong, help: ArgumentHelp("Where to write the HTML file (- for standard output).", valueName: "FILE"))
    var output = "report.html"

    @Option(help: ArgumentHelp("Judge every other configuration against the one of this run folder.", valueName: "RUN"))
    var baseline: String?

    func run() throws {
        let found = try RunFolderSearch.read(paths, damaged: "(listed as damaged in the report)")
        let groups = SeedGroups(found.runs)
        let report = HTMLReport(groups: groups, damaged: found.damaged, baseline: try RunFolderSearch.baselineGroup(baseline, in: groups),
                                sources: RunFolderSearch.paths(paths), commandLine: ShellWords.line)
        let page = report.rendered()
        do {
            try OutputFile.write(page, to: output, nameInFolder: "report.html")
        } catch {
            throw RunnerFailure(error)
        }
        guard output != "-" else { return }
        let damaged = found.damaged.isEmpty ? "" : ", \(found.damaged.count) damaged"
        print("Wrote \(output) (\(found.runs.count) run\(found.runs.count == 1 ? "" : "s") in \(groups.groups.count) "
            + "configuration\(groups.groups.count == 1 ? "" : "s")\(damaged); \((page.utf8.count + 1023) / 1024) KB)")
    }
}
