import ExperimentCompiler
import RunStore
import Statistics

/// A figure summarised over a group's seeds: test accuracy, the gap, or any number of `metrics.json`.
public struct GroupMetric: Sendable {
    /// The name in json and csv (`test_accuracy`, `gap`, `test.loss`).
    public var key: String
    /// Decimals in the table and markdown formats; csv and json carry every digit.
    public var decimals: Int
    /// For a verdict: a higher accuracy is better, a lower gap or loss is.
    public var higherIsBetter: Bool
    public var value: @Sendable (RunFolderContents) -> Double?

    /// Test accuracy as a fraction (0.9815), completed runs only.
    public static let testAccuracy = GroupMetric(key: "test_accuracy", decimals: 4, higherIsBetter: true) { $0.testAccuracy }
    /// Train minus test accuracy in points (1.45), completed runs only.
    public static let gap = GroupMetric(key: "gap", decimals: 2, higherIsBetter: false) { $0.accuracyGapPoints }

    /// A number of `metrics.json` by key path (`test.loss`, `train.accuracy`, `best_epoch.epoch`,
    /// `per_class_accuracy[3]`), completed runs only; higher is better unless the name says loss.
    public static func named(_ path: String) -> GroupMetric {
        GroupMetric(key: path, decimals: 4, higherIsBetter: !path.contains("loss")) { run in
            guard run.isFinished, let x = run.summaryMetrics.leavesByKeyPath()[path]?.number, x.isFinite else { return nil }
            return x
        }
    }
}

/// One metric over a group's completed runs: n, mean, sd and the 95% interval (Student's t with n - 1 degrees of
/// freedom; for one run's test accuracy, the Clopper-Pearson interval of its test counts).
public struct MetricSummary: Sendable {
    public var summary: Summary?
    public var interval: ConfidenceInterval?

    public init(_ metric: GroupMetric, over runs: [RunFolderContents]) {
        let values = runs.compactMap(metric.value)
        summary = try? Summary(values)
        if let summary, summary.n >= 2 {
            interval = summary.studentTInterval(level: 0.95)
        } else if summary?.n == 1, metric.key == GroupMetric.testAccuracy.key,
                  let run = runs.first(where: { metric.value($0) != nil }), let counts = run.testCounts {
            interval = try? ConfidenceInterval.clopperPearsonExact(successes: counts.correct, trials: counts.total, level: 0.95)
        }
    }

    /// `student_t` or `clopper_pearson`, as json and csv name the interval's method.
    public var methodName: String? {
        switch interval?.method {
        case .studentT?: return "student_t"
        case .clopperPearsonExact?: return "clopper_pearson"
        case nil: return nil
        }
    }

    public var isClopperPearson: Bool { methodName == "clopper_pearson" }

    /// `{"mean", "sd", "ci95": [low, high], "ci95_method"}`; null where there is no value.
    public var json: JSONValue {
        .object([
            "mean": summary.map { .double($0.mean) } ?? .null,
            "sd": summary?.standardDeviation.map(JSONValue.double) ?? .null,
            "ci95": interval.map { .array([.double($0.low), .double($0.high)]) } ?? .null,
            "ci95_method": methodName.map(JSONValue.string) ?? .null,
        ])
    }
}
