import ArgumentParser
import RunLifecycle
import Sweeps

/// `runner sweep EXP.yaml --grid ... --random ...`: every point compiled first, then run here, printed, or sent to Slurm.
struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run an experiment over a grid or a random search of values, here or as a Slurm job array.",
        discussion: """
            Every point of the sweep is compiled before the first run starts: one bad combination stops the sweep with \
            its diagnostics (exit status 2) and nothing runs. Each run is a child `runner EXP.yaml --set PATH=VALUE ...` \
            with its own run folder, so a sweep run again only runs what is missing. The file may declare the sweep \
            in a `sweep:` section (grid, random, trials, seed, seeds); the command line adds to it, path by path.

            Seeds: --seeds N runs every point with the experiment's seed and the N-1 after it (so raising N later keeps \
            the runs already made); --seeds 1,5,9 runs these seeds. Each seed is its own run (--set seed=S), counted \
            into the sweep's size. runner compare then shows each point as one group, with mean, sd and a 95% interval.

            Distributions: loguniform(LOW,HIGH), uniform(LOW,HIGH) (numbers rounded to 4 significant digits), \
            choice(V1,V2,...). With --grid and --random together, every trial is run at every grid point.

            Examples:
              runner sweep experiments/mnist-dense.yaml \\
                --grid compile.optimizer.learning_rate=0.01,0.001 \\
                --grid 'model.layers[0].dense=128,512'
              runner sweep experiments/mnist-dense.yaml \\
                --random 'compile.optimizer.learning_rate=loguniform(1e-4,1e-1)' \\
                --trials 8 --seed 1
              runner sweep experiments/mnist-dense.yaml --seeds 5 --jobs 1
              runner sweep experiments/mnist-dense.yaml --grid fit.epochs=1,2 \\
                --dry-run | xargs -P 2 -I{} sh -c {}
              runner sweep experiments/mnist-dense.yaml --grid fit.epochs=1,2 \\
                --slurm --slurm-opt partition=cpu --submit

            Exit status: 0 every run completed (or had already), 1 a run failed, 2 a usage or sweep mistake, 130 interrupted.
            """
    )

    @OptionGroup var options: ExperimentOptions

    @Option(help: ArgumentHelp("Sweep a path over values (repeatable; grids are crossed).", valueName: "PATH=V1,V2,..."))
    var grid: [String] = []

    @Option(help: ArgumentHelp("Draw a path's value from a distribution at every trial (repeatable).", valueName: "PATH=SPEC"))
    var random: [String] = []

    @Option(help: "Number of random draws (needs --random).")
    var trials: Int?

    @Option(help: "Seed of the random draws (default: the file's sweep.seed, else 0).")
    var seed: UInt64?

    @Option(help: ArgumentHelp("Run every point with N seeds (the experiment's seed and the N-1 after it), or with the seeds listed.",
                               valueName: "N|S1,S2,..."))
    var seeds: String?

    @Option(help: "Runs at a time on this machine (default: the number of cores).")
    var jobs: Int?

    @Option(help: ArgumentHelp("Root folder of the run folders, passed on to every run.", valueName: "DIR"))
    var results: String?

    @Flag(help: "Print one complete runner command per run, one per line, and run nothing.")
    var dryRun = false

    @Flag(help: "Write an sbatch script running the sweep as a Slurm job array, and run nothing here.")
    var slurm = false

    @Option(name: .customLong("slurm-opt"), help: ArgumentHelp("An #SBATCH option for the script (repeatable), e.g. partition=cpu, time=00:30:00.", valueName: "KEY=VALUE"))
    var slurmOptions: [String] = []

    @Option(name: .customLong("slurm-script"), help: ArgumentHelp("Where to write the sbatch script (default: RESULTS/NAME/slurm/sweep-TIME.sbatch).", valueName: "PATH"))
    var slurmScript: String?

    @Flag(help: "With --slurm: submit the script with sbatch.")
    var submit = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1, not \(jobs)") }
        if dryRun, slurm { throw ValidationError("--dry-run and --slurm both print instead of running; choose one") }
        if !slurm, submit || !slurmOptions.isEmpty || slurmScript != nil {
            throw ValidationError("--submit, --slurm-opt and --slurm-script need --slurm")
        }
        for option in slurmOptions where SlurmScript.option(option) == nil {
            throw ValidationError("--slurm-opt '\(option)' is not KEY=VALUE with KEY an sbatch option name such as partition or time")
        }
    }

    /// The sweep this command line asks for.
    var request: SweepRequest {
        SweepRequest(experiment: options.experiment, overrides: options.overrides, grid: grid, random: random,
                     trials: trials, seed: seed, results: results, seeds: seeds)
    }

    func run() throws {
        let request = self.request
        let plan = try request.compiledPlan()
        let commands = plan.runs.map(request.childArguments)
        if dryRun {
            let program = CommandLine.arguments.first ?? "runner"
            for arguments in commands { print(ShellWords.line([program] + arguments)) }
            return
        }
        if slurm {
            let submission = SlurmSubmission(options: slurmOptions.compactMap(SlurmScript.option), results: results,
                                             script: slurmScript, submit: submit)
            for line in try submission.write(plan, commands: commands) { print(line) }
            return
        }
        try LocalSweep(plan: plan, commands: commands, results: results ?? "results", jobs: jobs).run()
    }
}
