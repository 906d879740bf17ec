import ExperimentCompiler
import RunStore
import Statistics

extension HTMLReport {
    /// Section 1: one row per configuration with `compare`'s statistics, sortable by a click on a header (numbers
    /// numerically, missing values last), and the folders that could not be read.
    func summarySection() -> [String] {
        var headers = ["#", "configuration", "n", "test accuracy", "95% CI", "gap (points)", "95% CI"]
        if statistics.baseline != nil { headers.append("verdict against the baseline") }
        headers.append("runs")
        var lines = [#"<section id="summary">"#, "<h2>Summary</h2>", #"<table class="sortable summary">"#, "<thead><tr>"
            + headers.map { #"<th scope="col">\#(XMLText.escaped($0))</th>"# }.joined() + "</tr></thead>", "<tbody>"]
        for index in groups.groups.indices {
            let group = groups.groups[index]
            let (accuracy, gap) = (statistics.summaries[index][0], statistics.summaries[index][1])
            var cells = [
                cell(.integer(index + 1)),
                #"<td data-sort="\#(XMLText.escaped(labels[index]))">"# + swatch(index, numbered: false)
                    + (index == statistics.baseline ? #" <span class="tag">baseline</span>"# : "") + "</td>",
                cell(.integer(group.completed.count)),
                cell(.number(accuracy.summary?.mean, decimals: GroupMetric.testAccuracy.decimals)),
                interval(accuracy, decimals: GroupMetric.testAccuracy.decimals),
                cell(.number(gap.summary?.mean, decimals: GroupMetric.gap.decimals)),
                interval(gap, decimals: GroupMetric.gap.decimals),
            ]
            if statistics.baseline != nil { cells.append("<td>" + verdicts(index).map(XMLText.escaped).joined(separator: "<br>") + "</td>") }
            cells.append("<td>\(XMLText.escaped(statusCounts(group.runs)))</td>")
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines += ["</tbody>", "</table>", notes()]
        if !damaged.isEmpty {
            lines.append(#"<div class="damaged"><h3>\#(plural(damaged.count, "run folder")) could not be read (left out above)</h3><ul>"#)
            lines += damaged.map { "<li><code>\(XMLText.escaped($0.path))</code>: \(XMLText.escaped($0.description))</li>" }
            lines.append("</ul></div>")
        }
        lines.append("</section>")
        return lines
    }

    /// A `<td>` of `cell`'s text, right-aligned with its number to sort by when it is one.
    func cell(_ cell: Table.Cell) -> String {
        guard let number = cell.value.number else { return "<td>\(XMLText.escaped(cell.text))</td>" }
        return #"<td class="number" data-sort="\#(number)">\#(XMLText.escaped(cell.text))</td>"#
    }

    /// `[0.9512, 0.9601]`, with `*` for one run's Clopper-Pearson interval, sorted by its lower end.
    private func interval(_ summary: MetricSummary, decimals: Int) -> String {
        guard let ci = summary.interval else { return cell(.missing) }
        let text = "[\(ci.low.formatted(decimals: decimals)), \(ci.high.formatted(decimals: decimals))]"
            + (summary.isClopperPearson ? "*" : "")
        return cell(Table.Cell(text: text, value: .double(ci.low)))
    }

    /// `test accuracy: better`, `gap: noise (needs 12 seeds)`, or `baseline`, as `compare --baseline` judges them.
    private func verdicts(_ index: Int) -> [String] {
        if index == statistics.baseline { return ["baseline"] }
        return statistics.comparisons.compactMap { comparison in
            comparison.rows.first { $0.group == index }.map { row in
                (comparison.metric.key == GroupMetric.gap.key ? "gap" : "test accuracy") + ": " + row.verdictText
            }
        }
    }

    /// `2 completed, 1 interrupted`, in the order of `RunStatus.allCases`.
    func statusCounts(_ runs: [RunFolderContents]) -> String {
        RunStatus.allCases.compactMap { status in
            let count = runs.filter { $0.status == status }.count
            return count == 0 ? nil : "\(count) \(status.rawValue)"
        }.joined(separator: ", ")
    }

    /// What the columns mean: the intervals' method, n, and how the verdicts are drawn.
    private func notes() -> String {
        var text = "n counts the completed runs, over which the means and their 95% intervals are taken "
            + "(Student's t with n - 1 degrees of freedom); * marks one run's Clopper-Pearson interval of its test "
            + "accuracy from its test-set counts. The gap is train minus test accuracy, in points."
        if let baseline = statistics.baseline {
            let family = statistics.comparisons.map(\.family).max() ?? 0
            text += " Verdicts compare each configuration with the baseline (\(baseline + 1)) on the seeds both completed: "
                + "the paired t-test at 0.05 after Holm's correction across \(plural(family, "configuration")), "
                + "as runner compare --baseline gives them."
        } else {
            text += " Give --baseline RUN for verdicts against the configuration of that run."
        }
        return #"<p class="note">\#(XMLText.escaped(text))</p>"#
    }
}
