import Datasets
import ExperimentCompiler
import Foundation
import ModelKinds
import NeuralNetwork
import RunStore

/// A run folder's trained model: its experiment compiled back from `resolved.json`, and its weights in
/// `model.safetensors`. What `evaluate` and `predict` start from, and what `run` writes at the end.
public struct SavedModel {
    /// The run folder as given, without a trailing slash.
    public var folder: String
    /// `resolved.json` compiled; it compiles back to the same bytes.
    public var compiled: CompiledExperiment
    /// The weights, checked against the run's `resolved.json`.
    public var file: SafeTensors
    /// The model `resolved.json` describes, holding the file's weights (checked: names, shapes, finite values).
    public var model: Sequential
    /// `preprocessing.json`: nil for a run with nothing to save, or one written before the file existed.
    public var preprocessing: PreprocessingFile?

    public var modelPath: String { folder + "/" + RunWriter.modelName }

    /// `__metadata__` values: the format (so another tool can tell what it holds) and the SHA-256 of the
    /// run's `resolved.json`, which ties the weights to the experiment that rebuilds their model. No times.
    static let formatName = "runner.sequential"
    static let formatVersion = "1"

    /// The model file of `model`, trained from `resolvedJSON`: every layer's weights and state under Keras'
    /// names (see `Sequential.weightTensors`). A model on images also records its input shape
    /// (`input_shape`: `28,28,1`), which no kernel's shape tells; a dense model's is its first kernel's rows.
    public static func file(of model: Sequential, resolvedJSON: String) -> SafeTensors {
        var metadata = ["format": formatName, "format_version": formatVersion,
                        "resolved_sha256": SHA256Digest.hex(Array(resolvedJSON.utf8))]
        if case .image = model.inputShape {
            metadata[inputShapeKey] = model.inputShape.dimensions.map(String.init).joined(separator: ",")
        }
        return SafeTensors(
            tensors: model.weightTensors.map { SafeTensors.Tensor(name: $0.name, shape: $0.shape, values: $0.values) },
            metadata: metadata)
    }

    static let inputShapeKey = "input_shape"

    /// Reads a run folder: usage errors (status 2) for a folder that is not a run, located errors (status 2 too)
    /// for a damaged one: a resolved.json that no longer compiles to itself, a missing, foreign or damaged model file.
    public init(folder given: String) throws(RunnerFailure) {
        let folder = given.count > 1 && given.hasSuffix("/") ? String(given.dropLast()) : given
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
            throw .usage("'\(folder)' is not a folder; give a run folder such as results/mnist-dense/latest")
        }
        let resolvedPath = folder + "/resolved.json"
        guard FileManager.default.fileExists(atPath: resolvedPath) else {
            throw .usage("'\(folder)' is not a run folder (it has no resolved.json); run folders are results/<name>/<run-id>/")
        }
        let compiled = try CompileStep.savedRun(folder: folder, compiler: CompileStep.savedRunCompiler)
        self.folder = folder
        self.compiled = compiled
        let path = folder + "/" + RunWriter.modelName
        do {
            file = try SafeTensors.read(path: path)
        } catch {
            throw .located(error.description)
        }
        do { preprocessing = try PreprocessingFile.read(folder: folder) } catch { throw .located(error.description) }
        let hash = SHA256Digest.hex(Array(compiled.experiment.resolvedJSONText.utf8))
        guard file.metadata["resolved_sha256"] == hash else {
            throw .located(ModelFileError.mismatch(path: path, reason: "it was not trained from \(resolvedPath) "
                + "(its resolved_sha256 is \(file.metadata["resolved_sha256"].map { "'\($0)'" } ?? "missing"), not '\(hash)')").description)
        }
        model = try Self.loadedModel(file, experiment: compiled.experiment, path: path)
        if let statistics = preprocessing?.standardization {
            // Applied to every input row: a wrong length or a divisor that is not a positive number is a damaged file.
            let path = folder + "/" + PreprocessingFile.name
            if statistics.mean.count != model.inputWidth {
                throw .located("\(path): error: its statistics are for \(statistics.mean.count) features, the model takes \(model.inputWidth); "
                    + "the file is damaged: run the experiment again with --force to rewrite the run folder")
            }
            if let bad = statistics.std.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                throw .located("\(path): error: standardization.std[\(bad)] is \(statistics.std[bad]), not a positive number; "
                    + "the file is damaged: run the experiment again with --force to rewrite the run folder")
            }
        }
    }

    /// The width of the inputs the saved weights take (`model.inputShape` is their shape).
    public var inputWidth: Int { model.inputWidth }

    /// The saved preprocessing, for inference. A run folder written before `preprocessing.json` existed has none:
    /// its standardisation is then fitted again from the training split (nil here), and a note says so.
    func preprocessingForInference() -> PreprocessingFile? {
        if preprocessing == nil, compiled.experiment.data.standardize {
            StandardError.write("note: \(folder) has no \(PreprocessingFile.name) (written by an earlier runner); "
                + "fitting the standardisation again from the training split")
        }
        return preprocessing
    }
}
