import RunStore
import ExperimentCompiler

/// The rows of `runner compare`: one per run, with the configuration values that differ between the
/// runs listed, then how far each run got and how well it did.
public struct Comparison: Sendable {
    public var runs: [RunFolderContents]
    /// Key paths of `resolved.json` whose values are not the same in every run (or missing from
    /// some), in reading order; `name` is left out, it has its own column.
    public var differingPaths: [String]
    /// Each run's `resolved.json` by key path, in the order of `runs`.
    private(set) var leaves: [[String: JSONValue]]

    public init(_ runs: [RunFolderContents]) {
        self.runs = runs
        let leaves = runs.map { $0.resolved.leavesByKeyPath() }
        self.leaves = leaves
        let all = Set(leaves.flatMap(\.keys)).subtracting(["name"])
        let differing = all.filter { path in
            let values = leaves.map { $0[path] }
            return values.contains { $0 != values[0] }
        }
        // The layers are one `model` column (`ModelSummary`), not one per position and option.
        differingPaths = (differing.filter { !ModelSummary.isLayerPath($0) }
            + (differing.contains(where: ModelSummary.isLayerPath) ? [ModelSummary.path] : [])).sorted(by: keyPathPrecedes)
        models = runs.map { ModelSummary.text($0.resolved) }
    }

    /// Each run's model as one line, in the order of `runs`.
    private(set) var models: [String?]

    /// The headers of the columns that every comparison has, in their order around the configuration.
    public static let leadingColumns = ["name", "run"]
    public static let trailingColumns = ["epochs", "train_accuracy", "test_accuracy", "gap", "best_epoch", "status"]

    /// The table: configuration columns are headed by the last path component (more where two
    /// would collide) and keyed by the full path in csv and json.
    public var table: Table {
        let reserved = Set(Self.leadingColumns + Self.trailingColumns)
        let headers = shortHeaders(for: differingPaths, reserved: reserved)
        let configuration = zip(headers, differingPaths).map { header, path in
            // Numbers go right, unless some run has text (or nothing) there.
            let numeric = path != ModelSummary.path && leaves.allSatisfy { $0[path]?.number != nil }
            return Table.Column(header, key: path, alignment: numeric ? .right : .left)
        }
        let columns = [Table.Column("name"), Table.Column("run")] + configuration
            + [Table.Column("epochs", alignment: .right),
               Table.Column("train_accuracy", alignment: .right), Table.Column("test_accuracy", alignment: .right),
               Table.Column("gap", key: "gap_points", alignment: .right), Table.Column("best_epoch", alignment: .right),
               Table.Column("status")]
        return Table(columns: columns, rows: runs.indices.map { row(runs[$0], leaves[$0], model: models[$0]) })
    }

    /// `table` with one column per class after `test_accuracy`: each run's test accuracy on that class
    /// (`metrics.json`'s `per_class_accuracy`), as many as the run with the most classes; `-` where a run
    /// has none (not completed, not a classification, or written before runs recorded them).
    public var perClassTable: Table {
        var table = self.table
        let classes = runs.map { $0.perClassAccuracy?.count ?? 0 }.max() ?? 0
        guard classes > 0, let at = table.columns.firstIndex(where: { $0.header == "test_accuracy" }) else { return table }
        // Headed `class_3` for people; csv and json use the metrics.json key path.
        table.columns.insert(contentsOf: (0..<classes).map {
            Table.Column("class_\($0)", key: "per_class_accuracy[\($0)]", alignment: .right)
        }, at: at + 1)
        for (index, run) in runs.enumerated() {
            let values = run.perClassAccuracy ?? []
            table.rows[index].insert(contentsOf: (0..<classes).map { c in
                c < values.count ? Table.Cell.number(values[c], decimals: 4) : .missing
            }, at: at + 1)
        }
        return table
    }

    private func row(_ run: RunFolderContents, _ leaves: [String: JSONValue], model: String?) -> [Table.Cell] {
        let configuration = differingPaths.map { path -> Table.Cell in
            if path == ModelSummary.path { return model.map(Table.Cell.string) ?? .missing }
            guard let value = leaves[path] else { return .missing }
            return Table.Cell(text: value.leafText, value: value)
        }
        return [.string(run.name), .string(run.runID)] + configuration + [
            epochsCell(run),
            .number(run.trainAccuracy, decimals: 4),
            .number(run.testAccuracy, decimals: 4),
            .number(run.accuracyGapPoints, decimals: 2),
            .integer(run.bestEpoch),
            .string(run.status.rawValue),
        ]
    }

    /// `2/10` for a run that stopped (or is still going) short of its planned epochs, so it cannot
    /// be mistaken for a finished one; json and sorting get the finished count.
    private func epochsCell(_ run: RunFolderContents) -> Table.Cell {
        guard !run.isFinished, let planned = run.plannedEpochs, planned != run.epochs else { return .integer(run.epochs) }
        return Table.Cell(text: "\(run.epochs)/\(planned)", value: .int(run.epochs))
    }
}
