import ExperimentCompiler
import RunStore
import Statistics

extension GroupReport {
    /// The report as text in `format`: for table and markdown, the groups table (a footnote for a one-run
    /// interval) and, with a baseline, the verdicts table under it; csv the `machineTable`; json one object per group.
    public func rendered(as format: TableFormat) -> String {
        switch format {
        case .csv: return machineTable.rendered(as: .csv)
        case .json: return JSONValue.array(order.map(json)).canonicalText
        case .table, .markdown:
            var out = table.rendered(as: format)
            if summaries.contains(where: { $0.contains(where: \.isClopperPearson) }) {
                out += "\n* n = 1: the Clopper-Pearson exact interval of the test accuracy from its test-set counts; "
                    + "an interval over seeds needs 2 runs or more.\n"
            }
            // Markdown needs a blank line between the sentence and the table.
            if let baseline { out += "\n" + verdictHeading(baseline) + (format == .markdown ? "\n" : "") + verdictTable.rendered(as: format) }
            return out
        }
    }

    private func verdictHeading(_ baseline: Int) -> String {
        let group = groups.groups[baseline]
        let settings = groups.differingPaths.compactMap { path in group.leaves[path].map { "\(path)=\($0.leafText)" } }
        let family = comparisons.map(\.family).max() ?? 0
        return "Against the baseline \(([group.name] + settings).joined(separator: " ")) (\(group.completed.count) run"
            + "\(group.completed.count == 1 ? "" : "s")): candidate - baseline on matched seeds, 95% t interval; "
            + "verdict at 0.05 by the paired t-test after Holm across \(family) group\(family == 1 ? "" : "s"); "
            + "exact sign-flip p beside it.\n"
    }

    /// One row per compared group and metric: the matched seeds, the mean difference and its interval, the
    /// paired t p, Holm's adjusted p, the sign-flip p and the verdict.
    public var verdictTable: Table {
        let headers = shortHeaders(for: groups.differingPaths, reserved: ["name", "metric"])
        var columns = [Table.Column("name")]
        columns += zip(headers, groups.differingPaths).map { Table.Column($0, key: $1) }
        columns += [Table.Column("metric"), Table.Column("seeds", alignment: .right), Table.Column("difference", alignment: .right),
                    Table.Column("95% CI", key: "ci95", alignment: .right), Table.Column("p", alignment: .right),
                    Table.Column("p (Holm)", key: "p_holm", alignment: .right),
                    Table.Column("p (sign-flip)", key: "p_sign_flip", alignment: .right), Table.Column("verdict")]
        var rows: [[Table.Cell]] = []
        for index in order where index != baseline {
            let group = groups.groups[index]
            for comparison in comparisons {
                guard let row = comparison.rows.first(where: { $0.group == index }) else { continue }
                let d = comparison.metric.decimals
                let c = row.comparison
                let name = comparison.metric.key == GroupMetric.gap.key ? "gap (points)" : comparison.metric.key
                var cells: [Table.Cell] = [.string(group.name)]
                cells += groups.differingPaths.map { path in group.leaves[path].map { Table.Cell(text: $0.leafText, value: $0) } ?? .missing }
                cells += [.string(name), .integer(row.matchedSeeds.count), signed(c?.difference.mean, d),
                          c.map { Table.Cell.string("[\($0.interval.low.formatted(decimals: d)), \($0.interval.high.formatted(decimals: d))]") } ?? .missing,
                          pValue(c?.pairedTPValue), pValue(row.adjustedP), pValue(c?.signFlipPValue), .string(row.verdictText)]
                rows.append(cells)
            }
        }
        return Table(columns: columns, rows: rows)
    }

    private func signed(_ x: Double?, _ decimals: Int) -> Table.Cell {
        guard let x else { return .missing }
        let cell = Table.Cell.number(x, decimals: decimals)
        return cell.text.hasPrefix("-") || Double(cell.text) == 0 ? cell : Table.Cell(text: "+" + cell.text, value: cell.value)
    }

    private func pValue(_ p: Double?) -> Table.Cell {
        guard let p else { return .missing }
        return p < 0.0001 ? Table.Cell(text: "<0.0001", value: .double(p)) : .number(p, decimals: 4)
    }

    /// `{"name", "n", "runs", "settings", "seeds", "test_accuracy": {...}, "gap": {...}, ...}`, and with a baseline
    /// `"baseline": true` or `"versus_baseline": {"test_accuracy": {...}, "gap": {...}}`.
    func json(_ index: Int) -> JSONValue {
        let group = groups.groups[index]
        var members: [String: JSONValue] = [
            "name": .string(group.name),
            "n": .int(group.completed.count),
            "runs": .array(group.runs.map { .string($0.displayPath) }),
            "seeds": .array(group.completed.compactMap(\.seed).map(JSONValue.uint)),
            "settings": .object(Dictionary(uniqueKeysWithValues: groups.differingPaths.compactMap { path in
                group.leaves[path].map { (path, $0) }
            })),
        ]
        for (metric, summary) in zip(metrics, summaries[index]) { members[metric.key] = summary.json }
        if let baseline {
            if index == baseline {
                members["baseline"] = .bool(true)
            } else {
                var versus: [String: JSONValue] = [:]
                for comparison in comparisons {
                    guard let row = comparison.rows.first(where: { $0.group == index }) else { continue }
                    let c = row.comparison
                    func number(_ x: Double?) -> JSONValue { x.map(JSONValue.double) ?? .null }
                    versus[comparison.metric.key] = .object([
                        "matched_seeds": .array(row.matchedSeeds.map(JSONValue.uint)),
                        "difference": number(c?.difference.mean),
                        "ci95": c.map { .array([.double($0.interval.low), .double($0.interval.high)]) } ?? .null,
                        "p_t": number(c?.pairedTPValue),
                        "p_holm": number(row.adjustedP),
                        "p_sign_flip": number(c?.signFlipPValue),
                        "verdict": row.verdictName.map(JSONValue.string) ?? .null,
                        "seeds_needed": row.seedsNeeded.map(JSONValue.int) ?? .null,
                    ])
                }
                members["versus_baseline"] = .object(versus)
            }
        }
        return .object(members)
    }
}
