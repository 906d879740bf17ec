import ExperimentCompiler
import YAML

/// The seed axis of a sweep: every point is run with several seeds, so `runner compare` can tell a real
/// difference from seed noise.
///
/// `--seeds N` (`seeds: N` under `sweep:`) means the experiment's own seed and the N-1 after it, so raising N
/// later keeps every run already made; `--seeds 1,5,9` (`seeds: [1, 5, 9]`) names the seeds. A single number is
/// always a count: one explicit seed is `--set seed=S`.
public struct SeedAxis: Sendable, Equatable {
    public enum Choice: Sendable, Equatable {
        /// The experiment's seed and the count - 1 after it.
        case count(Int)
        /// These seeds, in this order.
        case list([UInt64])
    }

    public var choice: Choice
    /// Where the seeds were given, for diagnostics.
    public var mark: Mark

    public init(choice: Choice, mark: Mark) {
        self.choice = choice
        self.mark = mark
    }

    /// Runs per point.
    public var count: Int {
        switch choice {
        case .count(let n): return n
        case .list(let seeds): return seeds.count
        }
    }

    /// `--seeds N` or `--seeds S1,S2,...` as typed; marks count columns in `--seeds ARGUMENT`.
    public init(argument: String) throws(Diagnostic) {
        let mark = Mark(source: "--seeds \(argument)", line: 1, column: "--seeds ".count + 1)
        self.mark = mark
        let items = argument.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        if items.count == 1 {
            guard let n = Int(argument) else {
                throw Diagnostic(mark, "--seeds must be a number of seeds such as 5, or a list of seeds such as 1,5,9, not '\(argument)'")
            }
            guard n >= 1 else { throw Diagnostic(mark, "--seeds must be at least 1, not \(n)") }
            choice = .count(n)
            return
        }
        var seeds: [UInt64] = []
        for item in items {
            guard let seed = UInt64(item) else {
                throw Diagnostic(mark, "--seeds lists seeds as integers between 0 and \(UInt64.max) separated by commas, "
                    + "such as 1,5,9; '\(item)' is not one")
            }
            guard !seeds.contains(seed) else { throw Diagnostic(mark, "--seeds lists the seed \(seed) twice; list each seed once") }
            seeds.append(seed)
        }
        choice = .list(seeds)
    }

    /// The `seeds:` value of a file's `sweep:` section: an integer count or a list of seeds.
    init(node: Node) throws(Diagnostic) {
        mark = node.mark
        if let items = node.sequence {
            guard !items.isEmpty else { throw Diagnostic(node.mark, "'sweep.seeds' lists no seeds; give a count such as 5 or seeds such as [1, 5, 9]") }
            var seeds: [UInt64] = []
            for item in items {
                let seed: UInt64?
                switch item.scalar?.value {
                case .int(let n)? where n >= 0: seed = UInt64(n)
                case .integerOutOfRange(let text)?: seed = UInt64(text)
                default: seed = nil
                }
                guard let seed else {
                    throw Diagnostic(item.mark, "a seed in 'sweep.seeds' must be an integer between 0 and \(UInt64.max), not \(item.kindDescription)")
                }
                guard !seeds.contains(seed) else { throw Diagnostic(item.mark, "'sweep.seeds' lists the seed \(seed) twice; list each seed once") }
                seeds.append(seed)
            }
            choice = .list(seeds)
            return
        }
        guard case .int(let n)? = node.scalar?.value else {
            throw Diagnostic(node.mark, "'sweep.seeds' must be a number of seeds such as 5, or a list of seeds such as [1, 5, 9], not \(node.kindDescription)")
        }
        guard n >= 1 else { throw Diagnostic(node.mark, "'sweep.seeds' must be at least 1, not \(n)") }
        choice = .count(n)
    }

    /// The seeds to run, given the experiment's own seed `base`; a count that would pass the largest seed is refused.
    public func seeds(from base: UInt64) throws(Diagnostic) -> [UInt64] {
        switch choice {
        case .list(let seeds): return seeds
        case .count(let n):
            guard UInt64.max - base >= UInt64(n - 1) else {
                throw Diagnostic(mark, "\(n) seeds from the experiment's seed \(base) pass the largest seed, \(UInt64.max); "
                    + "use a smaller seed or list the seeds")
            }
            return (0..<UInt64(n)).map { base + $0 }
        }
    }

    /// The assignment `seed=S` of one run, its value marked where the seeds were given.
    static func assignment(_ seed: UInt64, mark: Mark) throws(Diagnostic) -> SweepPoint.Assignment {
        let override = try Override(parsing: "seed=\(seed)")
        var node = override.value
        node.mark = mark
        return SweepPoint.Assignment(path: "seed", steps: override.steps, value: SweepValue(text: "\(seed)", node: node))
    }
}
