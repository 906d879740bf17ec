import RunLifecycle
import ArgumentParser
import Foundation
import RunStore
import Reports

extension CompareCommand {
    /// The groups of seeds as the options ask for them: the baseline found, `--metric` names checked, sorted.
    func groupReport(_ groups: SeedGroups) throws -> GroupReport {
        var groups = groups
        let baselineIndex = try RunFolderSearch.baselineGroup(baseline, in: groups)
        let known = Set(groups.groups.flatMap(\.completed).flatMap { $0.summaryMetrics.leavesByKeyPath().compactMap { $0.value.number != nil && !$0.key.hasPrefix("confusion_matrix") ? $0.key : nil } })
        for name in metric where !known.contains(name) {
            throw RunnerFailure.usage("unknown metric '\(name)' for --metric; the completed runs' metrics.json have: \(known.sorted().joined(separator: ", "))")
        }
        if noSettings { groups.differingPaths = [] }
        var report = GroupReport(groups, extra: metric.map(GroupMetric.named), baseline: baselineIndex)
        if let sort {
            do { report = try report.sorted(by: sort) } catch { throw RunnerFailure.usage(error.description) }
        }
        return report
    }
}
