import ArgumentParser
import ExperimentCompiler

/// `runner EXP.yaml` (the default command): compile, then train.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Train the experiment and write its run folder under results/ (the default command).",
        discussion: """
            Example:
              runner experiments/mnist-dense.yaml --set fit.epochs=2
            """
    )

    @OptionGroup var options: ExperimentOptions

    func run() throws {
        _ = try CompileStep.run(options)
        // The training engine replaces this line; until then, no pretend training.
        throw RunnerFailure.runFailed("training is not available yet in this build; 'runner check \(options.experiment)' shows the compiled experiment")
    }
}
