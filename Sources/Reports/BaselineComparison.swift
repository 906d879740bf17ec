import RunStore
import Statistics

/// Every other group against a baseline group, on matched seeds, for one metric: the paired difference
/// (candidate - baseline) with its t interval, the paired t-test's p, Holm's correction across the groups
/// compared, the exact sign-flip p beside it, and a verdict.
///
/// Verdicts are drawn from the paired t-test's Holm-adjusted p (`Verdict.Test.pairedT`): the exact sign-flip p
/// can never be below 2/2^n (0.125 with 4 seeds, 0.0625 with 5), so Holm over sign-flip p-values could not say
/// `better` or `worse` below 6 seeds; it is shown so a reader can check the t-test's normality assumption.
public struct BaselineComparison: Sendable {
    /// One candidate group against the baseline.
    public struct Row: Sendable {
        public var group: Int
        /// Seeds that both groups completed, ascending.
        public var matchedSeeds: [UInt64]
        /// nil with fewer than 2 matched seeds: no test.
        public var comparison: PairedComparison?
        /// Holm-adjusted paired t p, across the rows with a comparison.
        public var adjustedP: Double?
        public var verdict: Verdict?
    }

    public var baseline: Int
    public var metric: GroupMetric
    public var rows: [Row]

    public init(_ groups: SeedGroups, baseline: Int, metric: GroupMetric) {
        self.baseline = baseline
        self.metric = metric
        let base = groups.groups[baseline].completedBySeed
        var rows: [Row] = []
        for (index, group) in groups.groups.enumerated() where index != baseline {
            let candidate = group.completedBySeed
            // A seed counts as matched when both runs have the metric.
            let seeds = Set(base.keys).intersection(candidate.keys).filter {
                metric.value(base[$0]!) != nil && metric.value(candidate[$0]!) != nil
            }.sorted()
            var row = Row(group: index, matchedSeeds: seeds)
            if seeds.count >= 2 {
                row.comparison = try? PairedComparison(baseline: seeds.map { metric.value(base[$0]!)! },
                                                       candidate: seeds.map { metric.value(candidate[$0]!)! })
            }
            rows.append(row)
        }
        let tested = rows.indices.filter { rows[$0].comparison != nil }
        let judged = (try? Verdict.judgeAll(tested.map { rows[$0].comparison! }, test: .pairedT, alpha: 0.05,
                                            higherIsBetter: metric.higherIsBetter)) ?? []
        for (index, result) in zip(tested, judged) {
            rows[index].adjustedP = result.adjustedP
            rows[index].verdict = result.verdict
        }
        self.rows = rows
    }

    /// The number of groups Holm corrects across.
    public var family: Int { rows.filter { $0.comparison != nil }.count }
}

extension BaselineComparison.Row {
    /// `better`, `worse`, `noise (needs 12 seeds)`; or why there is no verdict.
    public var verdictText: String {
        switch verdict {
        case .better?: return "better"
        case .worse?: return "worse"
        case .noise(let needed)?:
            guard let comparison, comparison.difference.mean != 0 else { return "noise (no difference)" }
            return needed.map { "noise (needs \($0) seeds)" } ?? "noise (more than 10000 seeds)"
        case nil:
            return matchedSeeds.isEmpty ? "no matched seeds" : "1 matched seed: too few"
        }
    }

    /// The verdict's name alone, for csv and json: better, worse, noise, or null.
    public var verdictName: String? {
        switch verdict {
        case .better?: return "better"
        case .worse?: return "worse"
        case .noise?: return "noise"
        case nil: return nil
        }
    }

    public var seedsNeeded: Int? {
        if case .noise(let needed)? = verdict { return needed }
        return nil
    }
}
