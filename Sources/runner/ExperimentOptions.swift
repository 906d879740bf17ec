import ArgumentParser
import RunLifecycle

/// The experiment file and its `--set` overrides, shared by every command that compiles one.
struct ExperimentOptions: ParsableArguments {
    @Argument(help: "The experiment file, e.g. experiments/mnist-dense.yaml.")
    var experiment: String

    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one value before compiling (repeatable), e.g. --set fit.epochs=20.",
        discussion: "PATH is keys separated by '.' with [N] for list items (model.layers[0].dense); VALUE is YAML (compile.metrics=[accuracy]).",
        valueName: "PATH=VALUE"))
    var overrides: [String] = []
}

extension CompileStep {
    /// The experiment the options name, compiled with their overrides.
    static func run(_ options: ExperimentOptions) throws(RunnerFailure) -> CompiledExperiment {
        try run(options.experiment, overrides: options.overrides)
    }
}
