import ArgumentParser
import RunLifecycle
import RunStore

/// `runner predict RUN --input FILE`: class probabilities and the predicted class per sample, as the
/// tutorial's `model.predict(x)` and `argmax`.
struct PredictCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predict",
        abstract: "Predict classes with a completed run's saved model: per-sample probabilities and the argmax, as CSV.",
        discussion: """
            Rebuilds the model from RUN/resolved.json, loads RUN/model.safetensors and runs it in inference mode on \
            FILE: an IDX images file (plain or gzipped, e.g. data/mnist/t10k-images-idx3-ubyte.gz) or a CSV with one \
            sample per line (784 numbers for MNIST; a header line is optional). Each value is preprocessed as the \
            experiment says (divided by data.scale, then standardised with the training split's statistics when \
            data.preprocess.standardize is on). A CSV whose header names the experiment's label column (the \
            training CSV itself) has that column left out. Output: CSV 'index,predicted,p0,...' (index from 0, \
            predicted the first class with the highest output; 'predicted_name' after it when the classes have \
            names), written to --output (or printed; - is standard output too): a file is replaced atomically, a device \
            or FIFO written as a stream, a link written through; a folder is refused.

            Example:
              runner predict results/mnist-dense/latest --input digits.csv \\
                --output results/predictions.csv
            """
    )

    @Argument(help: "A completed run folder, e.g. results/mnist-dense/latest.")
    var runFolder: String

    @Option(help: ArgumentHelp("An IDX images file (.gz or not) or a CSV of pixels, one sample per line.", valueName: "FILE"))
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the CSV here instead of printing it (- prints it).", valueName: "FILE"))
    var output: String?

    func run() throws {
        let predictions = try SavedModel(folder: runFolder).predict(input: input)
        let output = output ?? "-"
        do {
            try OutputFile.write(predictions.csv, to: output, nameInFolder: "predictions.csv")
        } catch {
            throw RunnerFailure(error)
        }
        if output != "-" { print("Predictions: \(predictions.rows) sample\(predictions.rows == 1 ? "" : "s") -> \(output)") }
    }
}
