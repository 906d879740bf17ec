import ExperimentCompiler
import YAML

extension SweepSpec {
    /// The sweep the command line gives: each `--grid` and `--random` argument (without the option),
    /// `--trials`, `--seed` and `--seeds`. Every mistake is reported, each marked in its argument as typed.
    public init(gridArguments: [String], randomArguments: [String], trials: Int?, seed: UInt64?,
                seeds: String? = nil) throws(CompileFailure) {
        self.init()
        var diagnostics: [Diagnostic] = []
        for argument in gridArguments {
            sources.append("--grid \(argument)")
            do { grid.append(try SweepAxis(gridArgument: argument)) } catch { diagnostics.append(error) }
        }
        for argument in randomArguments {
            sources.append("--random \(argument)")
            do { random.append(try RandomAxis(randomArgument: argument)) } catch { diagnostics.append(error) }
        }
        if let trials {
            let source = "--trials \(trials)"
            sources.append(source)
            let mark = Mark(source: source, line: 1, column: "--trials ".count + 1)
            if trials < 1 {
                diagnostics.append(Diagnostic(mark, "--trials must be at least 1, not \(trials)"))
            } else {
                self.trials = trials
                trialsMark = mark
            }
        }
        self.seed = seed
        if let seeds {
            sources.append("--seeds \(seeds)")
            do { self.seeds = try SeedAxis(argument: seeds) } catch { diagnostics.append(error) }
        }
        if !diagnostics.isEmpty { throw CompileFailure(diagnostics) }
    }
}
