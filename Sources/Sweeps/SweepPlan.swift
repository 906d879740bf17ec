import ExperimentCompiler
import Foundation
import YAML

/// Every run of a sweep, compiled before any of them starts, so one bad combination stops the sweep
/// with its diagnostics instead of failing hours in.
public struct SweepPlan: Sendable {
    /// One run: the `--set` arguments its child gets and the experiment they compile to.
    public struct Run: Sendable {
        /// The fixed `--set` arguments, then the point's, each without `--set`.
        public var overrides: [String]
        public var point: SweepPoint
        public var experiment: Experiment
        /// `experiment.resolvedJSONText`: what names the run's folder.
        public var resolvedJSON: String
    }

    public var runs: [Run]
    /// Points that compile to the same experiment as an earlier point (`0.1` and `1e-1`): they run once.
    public var duplicates: Int

    /// Compiles the experiment for every point of `points`, the fixed overrides first; with `seeds`, every point
    /// once per seed (`seed=S` added last), the seeds of a count starting at the seed the first point compiles to.
    ///
    /// The file's own mistakes would repeat at every point; each diagnostic is reported once, sorted by
    /// source (the file, each `--set`, then the sweep's arguments in `sweepSources` order) and position.
    /// Marks of a point's values point where the sweep wrote them (the `sweep:` section or `--grid ...`).
    public init(compiling bytes: [UInt8], source: String, overrides fixed: [String], points: [SweepPoint],
                sweepSources: [String], compiler: Compiler, seeds: SeedAxis? = nil) throws(CompileFailure) {
        let sources = [source] + fixed.map { "--set \($0)" } + sweepSources.filter { $0 != source }
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        func report(_ found: [Diagnostic]) {
            for d in found where reported.insert(d.description).inserted { diagnostics.append(d) }
        }
        // Every point reads the same data files: a CSV is probed (parsed) and an IDX folder's headers read once.
        let compiler = compiler.probingOnce()
        var parsedFixed: [Override] = []
        for argument in fixed {
            do { parsedFixed.append(try Override(parsing: argument)) } catch { report([error]) }
        }
        let parsed: Node?
        do {
            parsed = try Parser().parse(bytes, source: source)
        } catch {
            throw CompileFailure(Diagnostic.sorted([Diagnostic(error)] + diagnostics, sources: sources))
        }
        // An empty file: the compiler's own message says what the file needs.
        guard let root = parsed else { _ = try compiler.compile(bytes, source: source, overrides: fixed); throw CompileFailure([]) }
        var base = root
        report(Overrides.apply(parsedFixed, to: &base))

        var runs: [Run] = []
        var seen: Set<String> = []
        var duplicates = 0
        // A grid value is the same override at every point it appears in: parsed once.
        var parsedAssignments: [AssignmentKey: Result<Override, Diagnostic>] = [:]
        var points = points
        if let seeds {
            do {
                points = try Self.seeded(points, seeds, base: base, compiler: compiler, sources: sources)
            } catch {
                throw CompileFailure(Diagnostic.sorted(diagnostics + [error], sources: sources))
            }
        }
        for point in points {
            var tree = base
            var pointOverrides: [Override] = []
            for assignment in point.assignments {
                let key = AssignmentKey(argument: assignment.argument, mark: assignment.value.node.mark)
                let parsed = parsedAssignments[key] ?? Result { () throws(Diagnostic) in try assignment.override() }
                parsedAssignments[key] = parsed
                switch parsed {
                case .success(let override): pointOverrides.append(override)
                case .failure(let error): report([error])
                }
            }
            let refused = Overrides.apply(pointOverrides, to: &tree)
            do {
                let experiment = try compiler.compile(tree, sources: sources, earlier: refused)
                let resolved = experiment.resolvedJSONText
                if seen.insert(resolved).inserted {
                    runs.append(Run(overrides: fixed + point.overrides, point: point, experiment: experiment, resolvedJSON: resolved))
                } else {
                    duplicates += 1
                }
            } catch {
                report(error.diagnostics)
            }
        }
        if !diagnostics.isEmpty { throw CompileFailure(Diagnostic.sorted(diagnostics, sources: sources)) }
        self.runs = runs
        self.duplicates = duplicates
    }
}

extension SweepPlan {
    /// Each point once per seed, the seeds innermost (a point's seeds run one after another). A count starts at
    /// the seed the first point compiles to: the seed is not swept otherwise (`SweepSpec.check`), so every point
    /// has it. A first point that does not compile is reported by the caller's own compile, with seed 0 here.
    static func seeded(_ points: [SweepPoint], _ seeds: SeedAxis, base: Node, compiler: Compiler,
                       sources: [String]) throws(Diagnostic) -> [SweepPoint] {
        var base = base
        var baseSeed: UInt64 = 0
        if case .count = seeds.choice, let first = points.first {
            let overrides = first.assignments.compactMap { try? $0.override() }
            let refused = Overrides.apply(overrides, to: &base)
            if refused.isEmpty, let experiment = try? compiler.compile(base, sources: sources, earlier: []) {
                baseSeed = experiment.seed
            }
        }
        var assignments: [SweepPoint.Assignment] = []
        for seed in try seeds.seeds(from: baseSeed) { assignments.append(try SeedAxis.assignment(seed, mark: seeds.mark)) }
        return points.flatMap { point in assignments.map { SweepPoint(assignments: point.assignments + [$0]) } }
    }
}

/// A grid value as one point assigns it: the argument, and where the sweep wrote the value.
private struct AssignmentKey: Hashable {
    var argument: String
    var mark: Mark
}
