import ExperimentCompiler
import YAML

/// A sweep: grid axes crossed with each other, and random axes drawn `trials` times.
///
/// With both, every trial's draws are combined with every grid point (trials x grid points runs).
/// Built from the file's `sweep:` section and from `--grid`, `--random`, `--trials` and `--seed`,
/// the command line winning path by path (`merging`).
public struct SweepSpec: Sendable {
    public var grid: [SweepAxis] = []
    public var random: [RandomAxis] = []
    /// Draws of the random axes; nil when not given.
    public var trials: Int?
    /// Where `trials` was given (`--trials 8`, or the file's `trials:` value).
    public var trialsMark: Mark?
    /// Seeds the random axes' draws; nil when not given (then 0).
    public var seed: UInt64?
    /// Runs per point with different seeds (`--seeds`, `seeds:`); nil for one run per point.
    public var seeds: SeedAxis?
    /// Sources of marks in the order their diagnostics are listed: the file first, then each argument.
    public var sources: [String] = []

    public init() {}

    /// True when nothing is swept.
    public var isEmpty: Bool { grid.isEmpty && random.isEmpty && seeds == nil }

    /// This spec with `other`'s axes added; an axis of `other` on a path this spec already sweeps replaces it.
    /// `other`'s trials and seed win when given.
    public func merging(_ other: SweepSpec) -> SweepSpec {
        var merged = self
        let otherPaths = Set(other.grid.map(\.path) + other.random.map(\.path))
        merged.grid = grid.filter { !otherPaths.contains($0.path) } + other.grid
        merged.random = random.filter { !otherPaths.contains($0.path) } + other.random
        if other.trials != nil { (merged.trials, merged.trialsMark) = (other.trials, other.trialsMark) }
        merged.seed = other.seed ?? seed
        merged.seeds = other.seeds ?? seeds
        merged.sources = sources + other.sources.filter { !sources.contains($0) }
        return merged
    }

    /// The mistakes only the whole spec shows: a path swept twice, trials without a random axis and the reverse.
    public func check() -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var seen: [String: Mark] = [:]
        for (path, steps) in grid.map({ ($0.path, $0.steps) }) + random.map({ ($0.path, $0.steps) }) {
            let mark = steps.first?.mark ?? Mark(source: "", line: 1, column: 1)
            if let first = seen[path] {
                diagnostics.append(Diagnostic(mark, "'\(path)' is swept twice (first at \(first)); sweep each path once"))
            }
            seen[path] = seen[path] ?? mark
        }
        if let first = random.first, trials == nil {
            diagnostics.append(Diagnostic(first.mark, "a random search needs a number of trials: add --trials N (or 'trials: N' under 'sweep:')"))
        }
        if random.isEmpty, trials != nil, let trialsMark {
            diagnostics.append(Diagnostic(trialsMark, "trials are draws of random values, but nothing is random: add --random PATH=DISTRIBUTION (or 'random:' under 'sweep:')"))
        }
        if let seeds, let axis = grid.first(where: { $0.path == "seed" }) {
            diagnostics.append(Diagnostic(axis.steps.first?.mark ?? seeds.mark, "'seed' is swept here and by the seeds (at \(seeds.mark)); sweep it once"))
        }
        if let seeds, let axis = random.first(where: { $0.path == "seed" }) {
            diagnostics.append(Diagnostic(axis.mark, "'seed' is drawn here and swept by the seeds (at \(seeds.mark)); sweep it once"))
        }
        if let tooBig = sizeCheck() { diagnostics.append(tooBig) }
        return diagnostics
    }

    /// The most points a sweep may have. Every point is compiled (about 0.1 ms each) and kept in memory before
    /// the first run starts, and each becomes a run folder; 100,000 runs are more than any one sweep finishes.
    public static let maximumPointCount = 100_000

    /// The sizes multiplied into the number of runs: each grid axis, the trials, the seeds.
    private var factorSizes: [Int] {
        grid.map(\.values.count) + (random.isEmpty ? [] : [trials ?? 1]) + (seeds.map { [$0.count] } ?? [])
    }

    /// Grid points (the product of the axes' sizes) times trials times seeds: the runs; nil when that overflows an Int.
    public var pointCount: Int? {
        var count = 1
        for factor in factorSizes {
            let (product, overflow) = count.multipliedReportingOverflow(by: factor)
            if overflow { return nil }
            count = product
        }
        return count
    }

    /// A sweep over `maximumPointCount` points, counted before anything is expanded, reported at the axis
    /// (or the trials) whose factor carries the running product over the limit.
    private func sizeCheck() -> Diagnostic? {
        let limit = Self.maximumPointCount
        guard pointCount.map({ $0 > limit }) ?? true else { return nil }
        var factors: [(size: String, mark: Mark, fix: String)] = grid.map { axis in
            ("\(axis.values.count)", axis.steps.first?.mark ?? Mark(source: "", line: 1, column: 1), "give '\(axis.path)' fewer values")
        }
        if !random.isEmpty, let trials, let trialsMark { factors.append(("\(trials) trials", trialsMark, "draw fewer trials")) }
        if let seeds { factors.append(("\(seeds.count) seeds", seeds.mark, "use fewer seeds")) }
        var running = 1
        var crossing = factors.last!
        for (factor, size) in zip(factors, factorSizes) {
            let (product, overflow) = running.multipliedReportingOverflow(by: size)
            running = product
            if overflow || product > limit {
                crossing = factor
                break
            }
        }
        let count = pointCount.map(String.init) ?? "more than \(Int.max)"
        return Diagnostic(crossing.mark, "the sweep has \(count) points (\(factors.map(\.size).joined(separator: " x "))); "
            + "a sweep may have at most \(limit), so \(crossing.fix) or split it into several sweeps")
    }

    /// Every point of the sweep, in a fixed order: the grid like nested loops (the first axis slowest),
    /// inside the trials; each trial draws its random axes in order from `generator`.
    public func points<G: RandomNumberGenerator>(using generator: inout G) -> [SweepPoint] {
        var gridPoints: [[SweepPoint.Assignment]] = [[]]
        for axis in grid {
            gridPoints = gridPoints.flatMap { point in
                axis.values.map { point + [SweepPoint.Assignment(path: axis.path, steps: axis.steps, value: $0)] }
            }
        }
        guard !random.isEmpty, let trials else { return gridPoints.map(SweepPoint.init) }
        var points: [SweepPoint] = []
        for _ in 0..<trials {
            let drawn = random.map { SweepPoint.Assignment(path: $0.path, steps: $0.steps, value: $0.draw(using: &generator)) }
            points += gridPoints.map { SweepPoint(assignments: $0 + drawn) }
        }
        return points
    }
}

/// One point of a sweep: the values it sets, in axis order.
public struct SweepPoint: Sendable {
    /// One path set to one value.
    public struct Assignment: Sendable {
        public var path: String
        public var steps: [Override.Step]
        public var value: SweepValue

        /// `PATH=TEXT`, as a child run receives it after `--set`.
        public var argument: String { "\(path)=\(value.text)" }

        /// The override a child run will apply, with marks where the sweep wrote path and value.
        func override() throws(Diagnostic) -> Override {
            var override = try Override(parsing: argument)
            override.steps = steps
            override.value = value.node
            return override
        }
    }

    public var assignments: [Assignment]

    public init(assignments: [Assignment]) {
        self.assignments = assignments
    }

    /// The `--set` arguments (without `--set`) of this point.
    public var overrides: [String] { assignments.map(\.argument) }
}
