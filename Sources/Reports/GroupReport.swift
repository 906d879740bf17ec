import ExperimentCompiler
import RunStore
import Statistics

/// What `runner compare` shows for seed groups: one row per group (n, then mean, sd and 95% interval of each
/// metric) and, with a baseline, the verdict of every other group against it.
public struct GroupReport: Sendable {
    public var groups: SeedGroups
    public var metrics: [GroupMetric]
    /// Each group's summary of each metric, `summaries[group][metric]`.
    public var summaries: [[MetricSummary]]
    /// One comparison per metric, with a baseline.
    public var comparisons: [BaselineComparison]
    /// The order rows are shown in (indices into `groups.groups`).
    public var order: [Int]

    /// Metrics summarised: test accuracy and the gap, then `extra`. Verdicts are given for test accuracy and the gap.
    public init(_ groups: SeedGroups, extra: [GroupMetric] = [], baseline: Int? = nil) {
        self.groups = groups
        metrics = [.testAccuracy, .gap] + extra
        let metrics = self.metrics
        summaries = groups.groups.map { group in metrics.map { MetricSummary($0, over: group.completed) } }
        comparisons = baseline.map { b in [GroupMetric.testAccuracy, .gap].map { BaselineComparison(groups, baseline: b, metric: $0) } } ?? []
        order = Array(groups.groups.indices)
    }

    public var baseline: Int? { comparisons.first?.baseline }

    /// The rows ordered by the column `name` (a header or csv key of `machineTable`; `-NAME` descending).
    public func sorted(by name: String) throws(UnknownColumnError) -> GroupReport {
        var sorted = self
        sorted.order = try unsortedMachineTable.order(by: name)
        return sorted
    }

    /// Settings columns: headed by the last key-path component, keyed by the full path.
    private var settingColumns: [Table.Column] {
        let headers = shortHeaders(for: groups.differingPaths, reserved: ["name", "n", "runs"])
        return zip(headers, groups.differingPaths).map { header, path in
            let numeric = groups.groups.allSatisfy { $0.leaves[path]?.number != nil }
            return Table.Column(header, key: path, alignment: numeric ? .right : .left)
        }
    }

    private func settingCells(_ group: SeedGroup) -> [Table.Cell] {
        groups.differingPaths.map { path in group.leaves[path].map { Table.Cell(text: $0.leafText, value: $0) } ?? .missing }
    }

    /// For people: `name`, the settings, `n`, then per metric its mean, `sd` and `95% CI` (marked `*` when it is
    /// one run's Clopper-Pearson interval).
    public var table: Table {
        var columns = [Table.Column("name")] + settingColumns + [Table.Column("n", alignment: .right)]
        for metric in metrics {
            columns += [Table.Column(metric.key, key: metric.key + ".mean", alignment: .right),
                        Table.Column("sd", key: metric.key + ".sd", alignment: .right),
                        Table.Column("95% CI", key: metric.key + ".ci95", alignment: .right)]
        }
        let rows = order.map { index -> [Table.Cell] in
            let group = groups.groups[index]
            var row: [Table.Cell] = [.string(group.name)] + settingCells(group) + [.integer(group.completed.count)]
            for (metric, summary) in zip(metrics, summaries[index]) {
                let d = metric.decimals
                row.append(.number(summary.summary?.mean, decimals: d))
                row.append(.number(summary.summary?.standardDeviation, decimals: d))
                if let ci = summary.interval {
                    let text = "[\(ci.low.formatted(decimals: d)), \(ci.high.formatted(decimals: d))]" + (summary.isClopperPearson ? "*" : "")
                    row.append(Table.Cell(text: text, value: .double(ci.low)))
                } else {
                    row.append(.missing)
                }
            }
            return row
        }
        return Table(columns: columns, rows: rows)
    }

    /// For programs (csv), every digit: `name`, the settings, `n`, `runs` (space-separated folders), then per metric
    /// `.mean`, `.sd`, `.ci95_low`, `.ci95_high`, `.ci95_method`; with a baseline, per compared metric the
    /// difference, its interval, the p-values, the verdict and the seeds needed.
    public var machineTable: Table {
        var table = unsortedMachineTable
        table.rows = order.map { table.rows[$0] }
        return table
    }

    private var unsortedMachineTable: Table {
        var columns = [Table.Column("name")] + settingColumns + [Table.Column("n", alignment: .right), Table.Column("runs")]
        for metric in metrics {
            // `--sort test_accuracy` sorts by the mean.
            columns += [Table.Column(metric.key, key: metric.key + ".mean"), Table.Column(metric.key + ".sd"),
                        Table.Column(metric.key + ".ci95_low"), Table.Column(metric.key + ".ci95_high"),
                        Table.Column(metric.key + ".ci95_method")]
        }
        for comparison in comparisons {
            let k = comparison.metric.key + ".vs_baseline."
            columns += ["matched_seeds", "difference", "ci95_low", "ci95_high", "p_t", "p_holm", "p_sign_flip", "verdict", "seeds_needed"]
                .map { Table.Column(k + $0) }
        }
        let rows = groups.groups.indices.map { index -> [Table.Cell] in
            let group = groups.groups[index]
            var row: [Table.Cell] = [.string(group.name)] + settingCells(group)
                + [.integer(group.completed.count), .string(group.runs.map(\.displayPath).joined(separator: " "))]
            for summary in summaries[index] {
                row += [full(summary.summary?.mean), full(summary.summary?.standardDeviation),
                        full(summary.interval?.low), full(summary.interval?.high),
                        summary.methodName.map(Table.Cell.string) ?? .missing]
            }
            for comparison in comparisons {
                guard let r = comparison.rows.first(where: { $0.group == index }) else {
                    row += [Table.Cell](repeating: .missing, count: 9)
                    continue
                }
                let c = r.comparison
                row += [.integer(r.matchedSeeds.count), full(c?.difference.mean), full(c?.interval.low), full(c?.interval.high),
                        full(c?.pairedTPValue), full(r.adjustedP), full(c?.signFlipPValue),
                        r.verdictName.map(Table.Cell.string) ?? .missing, .integer(r.seedsNeeded)]
            }
            return row
        }
        return Table(columns: columns, rows: rows)
    }

    /// A number with every digit (the shortest text that reads back to it).
    private func full(_ x: Double?) -> Table.Cell {
        guard let x, x.isFinite else { return .missing }
        return Table.Cell(text: "\(x)", value: .double(x))
    }
}
