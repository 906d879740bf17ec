import ArgumentParser
import RunLifecycle

/// `runner bench`: this machine's sgemm rate on the model's own shapes, then the experiment timed in the same process.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure sgemm on the model's shapes, then time the experiment and compare the two.",
        discussion: """
            Prints the data-load time, seconds per epoch (the median of epochs 2 onwards, training steps alone and \
            with the validation pass), the achieved GFLOP/s against the sgemm rate measured on the same shapes in \
            the same process, and peak RSS. scripts/bench runs it under both OpenBLAS kernel choices.

            Example:
              runner bench experiments/mnist-dense.yaml
            """
    )

    @OptionGroup var options: ExperimentOptions

    func run() throws {
        print(try Benchmark(try CompileStep.run(options).experiment).run().joined(separator: "\n"))
    }
}
