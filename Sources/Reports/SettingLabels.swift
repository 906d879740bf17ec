import ExperimentCompiler

/// Labels that tell runs (or seed groups) apart by what differs between them: `learning_rate=0.01, units=64`, the
/// short headers of `compare`'s columns with their values, in the same order; the experiment's name in front when
/// the names differ (`mnist-dropout: rate=0.5`). Used by `runner plot`'s legend and the report's charts and table.
enum SettingLabels {
    /// One label per item, given each item's name and its values at `paths` (nil where it has none).
    static func labels(names: [String], paths: [String], values: [[String: JSONValue]], fallback: [String]) -> [String] {
        let headers = shortHeaders(for: paths, reserved: [])
        let namesDiffer = Set(names).count > 1
        return names.indices.map { index in
            let settings = zip(headers, paths).compactMap { header, path in
                values[index][path].map { "\(header)=\($0.leafText)" }
            }.joined(separator: ", ")
            switch (namesDiffer, settings.isEmpty) {
            case (true, true): return names[index]
            case (true, false): return names[index] + ": " + settings
            case (false, true): return fallback[index]
            case (false, false): return settings
            }
        }
    }
}

extension SeedGroups {
    /// Each group's label by the settings that differ between the groups (its name alone when nothing does).
    public var labels: [String] {
        SettingLabels.labels(names: groups.map(\.name), paths: differingPaths, values: groups.map(\.leaves),
                             fallback: groups.map(\.name))
    }
}

extension Comparison {
    /// Each run's label by the settings that differ between the runs, `seed` included (its run id when nothing
    /// differs).
    public var labels: [String] {
        var values = leaves
        if differingPaths.contains(ModelSummary.path) {
            for index in values.indices { values[index][ModelSummary.path] = models[index].map(JSONValue.string) }
        }
        return SettingLabels.labels(names: runs.map(\.name), paths: differingPaths, values: values, fallback: runs.map(\.runID))
    }
}
