import RunStore
import Statistics

extension HTMLReport {
    /// A group's learning curves: at each epoch, the mean over the runs that reached it and, with two runs or
    /// more there, the band from the lowest to the highest of them. The completed runs are drawn, or all the
    /// group's runs when none completed, so an interrupted configuration still shows how far it got.
    ///
    /// The band is the range of the seeds, not an interval of the mean: with 2 to 5 seeds a t interval per epoch
    /// would be wider than the data and suggest a precision the curves do not have.
    static func curves(of group: SeedGroup, label: String) -> PlottedRun {
        let runs = group.completed.isEmpty ? group.runs : group.completed
        var history: [String: [Double?]] = [:], bands: [String: [ClosedRange<Double>?]] = [:]
        for key in Set(runs.flatMap(\.history.keys)) {
            let epochs = runs.map { $0.history[key]?.count ?? 0 }.max() ?? 0
            var means: [Double?] = [], ranges: [ClosedRange<Double>?] = []
            for epoch in 0..<epochs {
                let values = runs.compactMap { run -> Double? in
                    guard let series = run.history[key], epoch < series.count, let value = series[epoch], value.isFinite else { return nil }
                    return value
                }
                means.append((try? Summary(values))?.mean)
                ranges.append(values.count >= 2 ? values.min()! ... values.max()! : nil)
            }
            history[key] = means
            if runs.count >= 2 { bands[key] = ranges }
        }
        return PlottedRun(label: label, history: history, bands: bands)
    }

    /// Section 2: the groups' curves, up to `groupsPerChart` to a chart, thinned to `pointBudget` points in all.
    func curvesSection() -> [String] {
        let plotted = groups.groups.indices.map { Self.curves(of: groups.groups[$0], label: "\($0 + 1)  " + labels[$0]) }
        let curves = plotted.map(\.history.count).reduce(0, +)
        let longest = plotted.flatMap { $0.history.values.map(\.count) }.max() ?? 0
        let perCurve = max(Self.pointBudget / max(curves, 1), 20)
        var lines = [#"<section id="curves">"#, "<h2>Learning curves</h2>",
                     "<p>Each configuration's mean over its seeds at every epoch (train solid, validation dashed), with a "
                         + "band from the lowest to the highest seed where it has two or more; the band is the seeds' range, "
                         + "not an interval of the mean."
                         + (longest > perCurve ? " Curves are thinned to about \(perCurve) points each (every k-th epoch "
                             + "and the last) to keep this page small." : "") + "</p>"]
        let style = LearningCurveSVG.Style(embedded: true, pointsPerCurve: perCurve)
        for start in stride(from: 0, to: plotted.count, by: Self.groupsPerChart) {
            let end = min(start + Self.groupsPerChart, plotted.count)
            let title = plotted.count <= Self.groupsPerChart ? nil
                : end == start + 1 ? "configuration \(end)" : "configurations \(start + 1) to \(end)"
            lines.append(#"<figure class="chart">"#)
            lines.append(LearningCurveSVG.render(Array(plotted[start..<end]), title: title, style: style))
            lines.append("</figure>")
        }
        lines.append("</section>")
        return lines
    }

    /// Section 3: test accuracy against the gap per group, with the summary table's intervals as whiskers.
    func gapSection() -> [String] {
        let points = groups.groups.indices.map { index -> GapChartSVG.Point in
            let (accuracy, gap) = (statistics.summaries[index][0], statistics.summaries[index][1])
            return GapChartSVG.Point(accuracy: accuracy.summary?.mean, gap: gap.summary?.mean,
                                     accuracyInterval: accuracy.interval.map { $0.low ... $0.high },
                                     gapInterval: gap.interval.map { $0.low ... $0.high })
        }
        return [#"<section id="gap">"#, "<h2>Test accuracy against the gap</h2>",
                "<p>One point per configuration at its means, numbered as in the summary; whiskers are the 95% intervals "
                    + "of the summary table (none for the gap of a single run). Up and to the left is better: more "
                    + "accurate, less overfit.</p>",
                #"<figure class="chart">"#, GapChartSVG.render(points, labels: labels, style: LearningCurveSVG.Style(embedded: true)),
                "</figure>", "</section>"]
    }
}
