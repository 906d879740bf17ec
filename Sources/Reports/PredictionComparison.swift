import ExperimentCompiler
import RunStore
import Statistics

/// Two runs' test predictions example by example: McNemar's exact test of whether their accuracies differ
/// beyond test-set noise (McNemar 1947; the exact form, a binomial test on the discordant examples, as
/// Fagerland, Lydersen & Laake, BMC Med. Res. Methodol. 13:91, 2013, recommend). Only the examples one run gets
/// right and the other wrong carry information; under "equally accurate" each is as likely to go either way.
public struct PredictionComparison: Sendable, Equatable {
    public var examples: Int
    /// b: examples A predicts right and B wrong.
    public var onlyA: Int
    /// c: examples B predicts right and A wrong.
    public var onlyB: Int
    /// `McNemar.exactPValue(b:c:)`: binomtest(b, b + c, 0.5), 1 when b + c = 0.
    public var p: Double

    /// nil when the runs were not tested on the same examples (different counts or labels).
    public init?(_ a: TestPredictions, _ b: TestPredictions) {
        guard a.labels == b.labels else { return nil }
        examples = a.labels.count
        var onlyA = 0, onlyB = 0
        for (x, y) in zip(a.correct, b.correct) where x != y {
            if x { onlyA += 1 } else { onlyB += 1 }
        }
        (self.onlyA, self.onlyB) = (onlyA, onlyB)
        p = (try? McNemar.exactPValue(b: onlyA, c: onlyB)) ?? 1
    }

    /// What the p-value means, in one sentence.
    public var meaning: String {
        if p < 0.05 {
            let better = onlyB > onlyA ? "B" : "A", worse = onlyB > onlyA ? "A" : "B"
            return "\(better) is more accurate than \(worse) beyond test-set noise (p < 0.05): "
                + "a difference this lopsided on the examples they disagree on is unlikely by chance."
        }
        return "The accuracy difference is within test-set noise (p >= 0.05): on this test set the two runs cannot be told apart."
    }

    public var json: JSONValue {
        .object(["examples": .int(examples), "a_right_b_wrong": .int(onlyA), "b_right_a_wrong": .int(onlyB), "p": .double(p)])
    }
}

/// The test-predictions part of `runner diff`.
public enum PredictionDiff: Sendable, Equatable {
    case compared(PredictionComparison)
    /// Why there is no test: one run has no predictions file, or the runs were tested on different examples.
    case unavailable(String)

    /// Reads both runs' `test-predictions.csv`; nil when neither has one (nothing to say).
    public init?(_ a: RunFolderContents, _ b: RunFolderContents) throws(ResultsReadError) {
        let (x, y) = (try a.testPredictions(), try b.testPredictions())
        switch (x, y) {
        case (nil, nil): return nil
        case let (x?, y?):
            if let comparison = PredictionComparison(x, y) {
                self = .compared(comparison)
            } else {
                self = .unavailable("not comparable: the runs were tested on different examples (\(x.labels.count) and \(y.labels.count), or other labels)")
            }
        case (nil, _): self = .unavailable("not available: A has no \(TestPredictions.fileName) (completed classification runs keep one)")
        case (_, nil): self = .unavailable("not available: B has no \(TestPredictions.fileName) (completed classification runs keep one)")
        }
    }

    /// The section's lines, each indented by two spaces.
    var lines: [String] {
        switch self {
        case .unavailable(let reason): return [reason]
        case .compared(let c):
            return ["\(c.examples) test examples: A right and B wrong on \(c.onlyA), B right and A wrong on \(c.onlyB); "
                        + "McNemar's exact \(c.p < 0.0001 ? "p < 0.0001" : "p = " + c.p.formatted(decimals: 4))",
                    c.meaning]
        }
    }

    var json: JSONValue {
        switch self {
        case .compared(let c): return c.json
        case .unavailable(let reason): return .object(["unavailable": .string(reason)])
        }
    }
}
