import ArgumentParser
import ExperimentCompiler
import Foundation
import RunLifecycle
import Training

/// `runner evaluate RUN [--data DATASET]`: a saved model's loss and metrics, as Keras' `model.evaluate`.
struct EvaluateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate",
        abstract: "Evaluate a completed run's saved model (model.safetensors) on its test split or on other data.",
        discussion: """
            Rebuilds the model from RUN/resolved.json (it must compile back to itself), loads RUN/model.safetensors \
            and evaluates it in inference mode on the experiment's test split, batch by batch at fit.batch_size as \
            training did: on the same data the figures are bit for bit metrics.json's test figures. --data evaluates \
            on the test split of another dataset (mnist, fashion-mnist or a folder of IDX files) with the \
            experiment's preprocessing; it must have the features the model takes.

            Examples:
              runner evaluate results/mnist-dense/latest
              runner evaluate results/mnist-dense/latest --data fashion-mnist --format json
            """
    )

    @Argument(help: "A completed run folder, e.g. results/mnist-dense/latest.")
    var runFolder: String

    @Option(help: ArgumentHelp("Evaluate on this dataset's test split instead: a name (mnist, fashion-mnist) or a folder of IDX files.",
                               valueName: "DATASET"))
    var data: String?

    @Option(help: "Output format: text (Keras' progress line) or json (the figures as metrics.json's test member writes them).")
    var format: EvaluationFormat = .text

    func run() throws {
        let saved = try SavedModel(folder: runFolder)
        let evaluation = try saved.evaluate(on: data)
        switch format {
        case .json:
            let figures = evaluation.logs.entries.map { ($0.name, JSONValue.double($0.value)) }
            print(JSONValue.object(Dictionary(uniqueKeysWithValues: figures)).canonicalText, terminator: "")
        case .text:
            let steps = evaluation.steps
            print("Evaluating \(saved.folder) on the test split of \(evaluation.dataset) (\(evaluation.samples) samples)")
            print("\(steps)/\(steps) [\(String(repeating: "=", count: 30))]" + Self.values(evaluation.logs))
        }
    }

    /// ` - loss: 0.0562 - accuracy: 0.9815`: four decimals, tiny values in exponent form, as Keras' progress bar.
    static func values(_ logs: Logs) -> String {
        logs.entries.map { " - \($0.name): " + String(format: abs($0.value) > 1e-3 ? "%.4f" : "%.4e", $0.value) }.joined()
    }
}

/// How `runner evaluate` prints its figures.
enum EvaluationFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}
