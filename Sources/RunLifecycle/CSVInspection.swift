import Datasets
import ExperimentCompiler
import ModelKinds
import Training
import YAML

/// Reads a CSV dataset for the compiler: its shape, or its mistake placed where the user fixes it.
enum CSVInspection {
    /// A missing file is reported at the `csv:` (or `test_csv:`) value, a missing label column at `label:`,
    /// and a bad cell at its own `file.csv:LINE:COLUMN`.
    static func probe(_ csv: CSVDataset) -> CSVProbe {
        do {
            let shape = try ModelBuilder.csvSource(csv, seed: 0).sizes()
            return .shape(DatasetShape(features: shape.featureCount, classes: shape.classCount), trainingRows: shape.trainCount)
        } catch .csv(let problem) {
            if case .missingLabel(_, _, let header) = problem { return .missingLabel(header: header) }
            if let position = problem.position {
                return .badContent(Mark(source: problem.path, line: position.line, column: position.column), message: problem.message)
            }
            return .unusableFile(key: key(for: problem.path, in: csv), message: "\(problem.path): \(problem.message)")
        } catch {
            let path = error.description.split(separator: ":", maxSplits: 1).first.map(String.init) ?? csv.path
            let message = error.description.replacingOccurrences(of: ": error: ", with: ": ")
            return .unusableFile(key: key(for: path, in: csv), message: message)
        }
    }

    private static func key(for path: String, in csv: CSVDataset) -> String {
        if case .file(let test) = csv.test, test == path, test != csv.path { return "test_csv" }
        return "csv"
    }
}
