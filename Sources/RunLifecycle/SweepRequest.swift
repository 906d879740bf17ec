import ExperimentCompiler
import SeededRandom
import Sweeps
import YAML

/// A sweep as the command line asks for it: the experiment, its fixed overrides, and the axes to add to the
/// file's `sweep:` section. Compiling it compiles every point before the first run.
public struct SweepRequest {
    public var experiment: String
    public var overrides: [String]
    public var grid: [String]
    public var random: [String]
    public var trials: Int?
    public var seed: UInt64?
    /// `--seeds` as typed: a count (`5`) or a list (`1,5,9`); nil when not given.
    public var seeds: String?
    /// The results root passed on to every run; nil for the default.
    public var results: String?

    public init(experiment: String, overrides: [String], grid: [String], random: [String], trials: Int?, seed: UInt64?,
                results: String?, seeds: String? = nil) {
        self.experiment = experiment
        self.overrides = overrides
        self.grid = grid
        self.random = random
        self.trials = trials
        self.seed = seed
        self.results = results
        self.seeds = seeds
    }

    /// The arguments of `run`'s child after the program name: exactly what `--dry-run` prints.
    public func childArguments(_ run: SweepPlan.Run) -> [String] {
        [experiment] + run.overrides.flatMap { ["--set", $0] } + (results.map { ["--results", $0] } ?? [])
    }

    /// The sweep from the file and the command line, every point compiled; every mistake at once (status 2).
    public func compiledPlan() throws(RunnerFailure) -> SweepPlan {
        let path = experiment
        let bytes = try CompileStep.read(path)
        var diagnostics: [Diagnostic] = []
        var fromFile: SweepSpec?
        if let root = try? Parser().parse(bytes, source: path) {
            do { fromFile = try SweepSpec(section: root) } catch { diagnostics += error.diagnostics }
        }
        var fromArguments = SweepSpec()
        do {
            fromArguments = try SweepSpec(gridArguments: grid, randomArguments: random, trials: trials, seed: seed, seeds: seeds)
        } catch { diagnostics += error.diagnostics }
        let spec = (fromFile ?? SweepSpec()).merging(fromArguments)
        let sources = [path] + overrides.map { "--set \($0)" } + grid.map { "--grid \($0)" }
            + random.map { "--random \($0)" } + (trials.map { ["--trials \($0)"] } ?? []) + (seeds.map { ["--seeds \($0)"] } ?? [])
        if diagnostics.isEmpty { diagnostics = spec.check() }
        guard diagnostics.isEmpty else { throw .experiment(Diagnostic.sorted(diagnostics, sources: sources)) }
        guard !spec.isEmpty else {
            throw .usage("nothing to sweep: give --grid PATH=V1,V2,..., --random PATH=SPEC --trials N, --seeds N, or a 'sweep:' section in \(path)")
        }
        var generator = SeededRandom(seed: spec.seed ?? 0, stream: .sweep)
        let points = spec.points(using: &generator)
        do {
            return try SweepPlan(compiling: bytes, source: path, overrides: overrides, points: points,
                                 sweepSources: spec.sources, compiler: CompileStep.compiler, seeds: spec.seeds)
        } catch {
            throw .experiment(error.diagnostics)
        }
    }

    /// What the live view calls a run: its sweep values (the fixed `--set` arguments are the same for all).
    public static func label(_ run: SweepPlan.Run) -> String {
        run.point.overrides.joined(separator: ",")
    }
}
