import ExperimentCompiler
import Foundation
import RunStore

/// Runs whose resolved experiments differ only in `seed`: one experiment, run with several seeds.
public struct SeedGroup: Sendable {
    /// Every run of the group, in path order; the statistics use the completed ones.
    public var runs: [RunFolderContents]
    /// The group's `resolved.json` without `seed`, by key path.
    public var leaves: [String: JSONValue]

    public var name: String { runs[0].name }

    /// The runs that completed: the ones with test figures.
    public var completed: [RunFolderContents] { runs.filter(\.isFinished) }

    /// Completed runs by seed (the first by path where two share one, which only a copied folder can do).
    public var completedBySeed: [UInt64: RunFolderContents] {
        var bySeed: [UInt64: RunFolderContents] = [:]
        for run in completed { if let seed = run.seed, bySeed[seed] == nil { bySeed[seed] = run } }
        return bySeed
    }
}

/// The runs of `runner compare` put into seed groups, in the order of each group's first run.
public struct SeedGroups: Sendable {
    public var groups: [SeedGroup]
    /// Key paths (without `seed` and `name`) whose values are not the same in every group, in reading order.
    public var differingPaths: [String]

    public init(_ runs: [RunFolderContents]) {
        var groups: [SeedGroup] = []
        var index: [String: Int] = [:]
        for run in runs {
            var resolved = run.resolved
            if case .object(var members) = resolved {
                members["seed"] = nil
                resolved = .object(members)
            }
            let key = resolved.canonicalText
            if let at = index[key] {
                groups[at].runs.append(run)
            } else {
                index[key] = groups.count
                groups.append(SeedGroup(runs: [run], leaves: resolved.leavesByKeyPath()))
            }
        }
        self.groups = groups
        let all = Set(groups.flatMap(\.leaves.keys)).subtracting(["name"])
        let differing = all.filter { path in
            let values = groups.map { $0.leaves[path] }
            return values.contains { $0 != values[0] }
        }
        // The layers are one `model` column (`ModelSummary`), not one per position and option.
        differingPaths = (differing.filter { !ModelSummary.isLayerPath($0) }
            + (differing.contains(where: ModelSummary.isLayerPath) ? [ModelSummary.path] : [])).sorted(by: keyPathPrecedes)
        if differingPaths.contains(ModelSummary.path) {
            for index in self.groups.indices {
                self.groups[index].leaves[ModelSummary.path] = ModelSummary.text(self.groups[index].runs[0].resolved).map(JSONValue.string)
            }
        }
    }

    /// Whether any group holds more than one run: then `runner compare` shows groups by default.
    public var hasSeeds: Bool { groups.contains { $0.runs.count > 1 } }

    /// The group holding the run folder `path` (compared by its real path).
    public func group(containing path: String) -> Int? {
        let wanted = canonicalPath(path)
        return groups.firstIndex { $0.runs.contains { canonicalPath($0.path.path) == wanted } }
    }
}

func canonicalPath(_ path: String) -> String {
    URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
}
