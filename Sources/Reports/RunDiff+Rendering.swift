import RunStore
import ExperimentCompiler

extension RunDiff {
    /// The whole report: which runs, the configuration changes, the metrics table and, with
    /// `history`, the per-epoch history side by side. `.json` gives one canonical object with the
    /// members `a`, `b`, `configuration`, `metrics` (and `history`); `.csv` has no room for sections
    /// and gives the metrics table alone (or the history table alone, with `history`).
    public func rendered(as format: TableFormat, history: Bool = false) -> String {
        switch format {
        case .json: return json(history: history).canonicalText
        case .csv: return (history ? historyTable : metricsTable).rendered(as: .csv)
        case .table, .markdown: return text(format, history: history)
        }
    }

    private func text(_ format: TableFormat, history: Bool) -> String {
        let markdown = format == .markdown
        let heading = { (title: String) in markdown ? "## \(title)\n\n" : "\(title):\n" }
        var out = markdown
            ? "- A: `\(a.displayPath)` (\(a.status.rawValue))\n- B: `\(b.displayPath)` (\(b.status.rawValue))\n\n"
            : "A: \(a.displayPath) (\(a.status.rawValue))\nB: \(b.displayPath) (\(b.status.rawValue))\n\n"
        out += heading("Configuration")
        if configuration.isEmpty {
            out += markdown ? "Identical.\n\n" : "  identical\n\n"
        } else {
            out += configuration.map { markdown ? "- `\($0)`\n" : "  \($0)\n" }.joined() + "\n"
        }
        out += heading("Metrics") + metricsTable.rendered(as: format)
        if let predictions {
            out += "\n" + heading("Test predictions (McNemar's exact test)")
            out += predictions.lines.map { markdown ? "\($0)\n" : "  \($0)\n" }.joined(separator: markdown ? "\n" : "")
        }
        if history {
            out += "\n" + heading("History") + historyTable.rendered(as: format)
        }
        return out
    }

    private func json(history: Bool) -> JSONValue {
        func run(_ run: RunFolderContents) -> JSONValue {
            .object(["path": .string(run.displayPath), "run_id": .string(run.runID), "status": .string(run.status.rawValue)])
        }
        var members: [String: JSONValue] = [
            "a": run(a), "b": run(b),
            "configuration": .array(configuration.map { change -> JSONValue in
                var members: [String: JSONValue] = ["path": .string(change.path), "a": change.old ?? .null, "b": change.new ?? .null]
                switch change.kind {
                case .changed: break
                case .inserted: members["change"] = .string("inserted")
                case .removed: members["change"] = .string("removed")
                }
                return .object(members)
            }),
            "metrics": .array(metricsTable.rows.map(metricsTable.jsonObject)),
        ]
        if let predictions { members["mcnemar"] = predictions.json }
        if history { members["history"] = .array(historyTable.rows.map(historyTable.jsonObject)) }
        return .object(members)
    }
}
