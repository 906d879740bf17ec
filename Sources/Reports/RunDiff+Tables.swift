import RunStore
import ExperimentCompiler

extension RunDiff {
    /// One row per number in either run's metrics (`metrics.json`'s key paths: `train.loss`,
    /// `test.accuracy`, `best_epoch.epoch`, `per_class_accuracy[3]`, ...) with A, B and B - A; the confusion
    /// matrix's counts are left out. Accuracy gaps are shown in points;
    /// test figures and gaps of a run that did not complete are left out, never shown as final.
    public var metricsTable: Table {
        let (old, new) = (Self.shownMetrics(a), Self.shownMetrics(b))
        let rows = Set(old.keys).union(new.keys).sorted(by: keyPathPrecedes).map { path -> [Table.Cell] in
            let decimals = Self.inPoints(path) ? 2 : 4
            let name = Self.inPoints(path) ? path + " (points)" : path
            return [.string(name), Self.cell(old[path], decimals), Self.cell(new[path], decimals),
                    Self.change(old[path], new[path], decimals)]
        }
        return Table(columns: [Table.Column("metric"), Table.Column("A", key: "a", alignment: .right),
                               Table.Column("B", key: "b", alignment: .right), Table.Column("change", alignment: .right)],
                     rows: rows)
    }

    /// The per-epoch history side by side: `epoch` (from 1, as the progress lines count), then every
    /// name with A's and B's value; `-` past the end of the shorter run.
    public var historyTable: Table {
        let names = Set(a.history.keys).union(b.history.keys).sorted()
        let epochs = max(a.history.values.map(\.count).max() ?? 0, b.history.values.map(\.count).max() ?? 0)
        var columns = [Table.Column("epoch", alignment: .right)]
        for name in names {
            columns.append(Table.Column("\(name) (A)", key: "\(name)_a", alignment: .right))
            columns.append(Table.Column("\(name) (B)", key: "\(name)_b", alignment: .right))
        }
        let rows = (0..<epochs).map { index -> [Table.Cell] in
            func value(_ run: RunFolderContents, _ name: String) -> Table.Cell {
                guard let values = run.history[name], index < values.count else { return .missing }
                return .number(values[index], decimals: 4)
            }
            return [.integer(index + 1)] + names.flatMap { [value(a, $0), value(b, $0)] }
        }
        return Table(columns: columns, rows: rows)
    }

    /// Accuracy gaps read as points (1.45, not 0.0145); a loss gap has no such unit and stays as it is.
    static func inPoints(_ path: String) -> Bool { path.hasPrefix("gap.") && path.hasSuffix("accuracy") }

    /// The numbers of a run's metrics by key path (counts stay whole), accuracy gaps in points.
    static func shownMetrics(_ run: RunFolderContents) -> [String: JSONValue] {
        var shown: [String: JSONValue] = [:]
        for (path, value) in run.summaryMetrics.leavesByKeyPath() {
            // 100 counts would bury the rest; per_class_accuracy[c] says the same per class, and is shown.
            guard !path.hasPrefix("confusion_matrix"), let number = value.number, number.isFinite else { continue }
            if (path.hasPrefix("test.") || path.hasPrefix("gap.") || path.hasPrefix("per_class_accuracy")) && !run.isFinished { continue }
            shown[path] = inPoints(path) ? .double(number * 100) : value
        }
        return shown
    }

    private static func cell(_ value: JSONValue?, _ decimals: Int) -> Table.Cell {
        switch value {
        case .int(let n)?: return .integer(n)
        case let value?: return .number(value.number, decimals: decimals)
        case nil: return .missing
        }
    }

    /// B - A with its sign; whole when both are counts, `-` when either side is missing.
    private static func change(_ old: JSONValue?, _ new: JSONValue?, _ decimals: Int) -> Table.Cell {
        guard let old, let new, let x = old.number, let y = new.number else { return .missing }
        let difference: JSONValue
        if case .int(let m) = old, case .int(let n) = new { difference = .int(n - m) } else { difference = .double(y - x) }
        let plain = cell(difference, decimals)
        guard plain.value.number.map({ $0 > 0 }) == true else { return plain }
        return Table.Cell(text: "+" + plain.text, value: plain.value)
    }
}
