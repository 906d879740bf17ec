import ExperimentCompiler
import RunStore

/// `runner report`: one self-contained HTML page drawn from the same seed groups and statistics as `compare` —
/// a summary table, learning curves with seed bands, the gap chart, confusion matrices and every run's facts.
///
/// Nothing is fetched: styles, the charts (inline SVG) and a little script are all in the page, and no URL is
/// named anywhere, so it opens from `file://` on an offline machine. The script only sorts the table and opens
/// or closes every run at once; the page reads the same without it. The page is a pure function of the run
/// folders (no time of its own), so the same folders give the same bytes.
public struct HTMLReport: Sendable {
    public var groups: SeedGroups
    /// Test accuracy and gap per group, with verdicts when there is a baseline.
    public var statistics: GroupReport
    /// The folders that could not be read, listed rather than fatal.
    public var damaged: [ResultsReadError]
    /// The paths the runs were found under, as given.
    public var sources: [String]
    /// A run's command line as a shell would take it (the command line's own quoting, `ShellWords.line`).
    public var commandLine: @Sendable ([String]) -> String
    /// Each group's label, by the settings that differ between the groups.
    let labels: [String]

    /// The points all curves of the page may have together: beyond it, curves are thinned (every k-th epoch and
    /// the last), so the page stays under 2 MB whatever the number of runs and epochs.
    public static let pointBudget = 30_000
    /// Curves of at most this many groups share a chart: the palette's size, so no two in a chart share a colour.
    public static let groupsPerChart = LearningCurveSVG.palette.count

    public init(groups: SeedGroups, damaged: [ResultsReadError], baseline: Int?, sources: [String],
                commandLine: @escaping @Sendable ([String]) -> String) {
        self.groups = groups
        statistics = GroupReport(groups, baseline: baseline)
        self.damaged = damaged
        self.sources = sources
        self.commandLine = commandLine
        labels = groups.labels
    }

    var runCount: Int { groups.groups.map(\.runs.count).reduce(0, +) }

    /// The page: UTF-8 text, LF line ends.
    public func rendered() -> String {
        let title = "runner report: \(plural(runCount, "run")) in \(plural(groups.groups.count, "configuration"))"
        var page = [
            "<!DOCTYPE html>",
            #"<html lang="en">"#,
            "<head>",
            #"<meta charset="utf-8">"#,
            #"<meta name="viewport" content="width=device-width, initial-scale=1">"#,
            "<title>\(XMLText.escaped(title))</title>",
            "<style>", Self.style, "</style>",
            "</head>",
            "<body>",
            "<h1>\(XMLText.escaped(title))</h1>",
            "<p>From \(sources.map { "<code>\(XMLText.escaped($0))</code>" }.joined(separator: ", ")). "
                + "A configuration is the runs whose resolved experiments differ only in <code>seed</code>; "
                + "each is named by the settings that differ between them and keeps its colour in every chart.</p>",
            ##"<nav><a href="#summary">Summary</a> <a href="#curves">Learning curves</a> <a href="#gap">Gap</a> "##
                + ##"<a href="#confusion">Confusion matrices</a> <a href="#runs">Runs</a></nav>"##,
        ]
        page += summarySection()
        page += curvesSection()
        page += gapSection()
        page += confusionSection()
        page += runsSection()
        page += ["<script>", Self.script, "</script>", "</body>", "</html>"]
        return page.joined(separator: "\n") + "\n"
    }

    /// The colour of group `index`: its place in the palette, the same in the table and every chart.
    func colour(_ index: Int) -> String { LearningCurveSVG.colour(ofRun: index) }

    /// A small square of the group's colour, then its number (unless a column shows it) and label.
    func swatch(_ index: Int, numbered: Bool = true) -> String {
        #"<span class="swatch" style="background: \#(colour(index))"></span>"#
            + (numbered ? "\(index + 1) " : "") + XMLText.escaped(labels[index])
    }
}

/// `3 runs`, `1 run`.
func plural(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
