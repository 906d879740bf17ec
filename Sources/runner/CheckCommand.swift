import RunLifecycle
import ArgumentParser
import ExperimentCompiler

/// `runner check EXP.yaml`: compile only, print the model summary and the resolved experiment.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check an experiment file and show the model and the resolved experiment; trains nothing.",
        discussion: """
            Compiles the experiment with its --set overrides. Every mistake is reported at once as file:line:col: error: message on stderr, with exit status 2 and nothing written. Otherwise prints a model summary (layers, output shapes, parameters) and the experiment with every default filled in, as saved in resolved.json.

            Example:
              runner check experiments/mnist-dense.yaml --set model.layers[0].dense=256
            """
    )

    @OptionGroup var options: ExperimentOptions

    @Flag(help: "Print only the resolved experiment (canonical JSON).")
    var json = false

    func run() throws {
        let compiled = try CompileStep.run(options)
        let experiment = compiled.experiment
        if json {
            print(experiment.resolvedJSONText, terminator: "")
            return
        }
        if let shape = compiled.inputShape {
            print(experiment.summary(input: experiment.inputShape(shape)))
        } else {
            print("Model: \"\(experiment.name)\" (input shape unknown until the dataset is read)\n")
        }
        print("Resolved experiment:")
        print(experiment.resolvedJSONText, terminator: "")
    }
}
