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

    /// Reads a run folder: usage errors (status 2) for a folder that is not a run or whose experiment no longer
    /// compiles to itself, located errors for a missing or foreign model file.
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
        let resolved = try CompileStep.read(resolvedPath)
        let compiled = try CompileStep.compile(resolved, source: resolvedPath, overrides: [], compiler: CompileStep.savedRunCompiler)
        guard Array(compiled.experiment.resolvedJSONText.utf8) == resolved else {
            throw .usage("\(resolvedPath) does not compile back to the same experiment "
                + "(was it written by another version of runner, or edited?); its model cannot be rebuilt")
        }
        self.folder = folder
        self.compiled = compiled
        let path = folder + "/" + RunWriter.modelName
        do {
            file = try SafeTensors.read(path: path)
        } catch {
            throw .located(error.description)
        }
        do { preprocessing = try PreprocessingFile.read(folder: folder) } catch { throw .located(error.description) }
        if let statistics = preprocessing?.standardization {
            // Applied to every input row: a wrong length or a divisor that is not a positive number is a damaged file.
            let width = file.tensor(named: "dense.kernel")?.shape.first
            let path = folder + "/" + PreprocessingFile.name
            if let width, statistics.mean.count != width {
                throw .located("\(path): error: its statistics are for \(statistics.mean.count) features, the model takes \(width); "
                    + "the file is damaged: run the experiment again with --force to rewrite the run folder")
            }
            if let bad = statistics.std.firstIndex(where: { !($0.isFinite && $0 > 0) }) {
                throw .located("\(path): error: standardization.std[\(bad)] is \(statistics.std[bad]), not a positive number; "
                    + "the file is damaged: run the experiment again with --force to rewrite the run folder")
            }
        }
        let hash = SHA256Digest.hex(resolved)
        guard file.metadata["resolved_sha256"] == hash else {
            throw .located(ModelFileError.mismatch(path: path, reason: "it was not trained from \(resolvedPath) "
                + "(its resolved_sha256 is \(file.metadata["resolved_sha256"].map { "'\($0)'" } ?? "missing"), not '\(hash)')").description)
        }
    }

    /// The shape of the inputs the saved weights take: an image model's `input_shape` (three positive
    /// integers), else the first dense kernel's rows; nil when neither is there.
    public var inputShape: TensorShape? {
        if let text = file.metadata[Self.inputShapeKey] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).compactMap { Int($0) }
            guard parts.count == 3, parts.allSatisfy({ $0 > 0 && $0 <= Int(Int32.max) }) else { return nil }
            return TensorShape(sampleShape: parts)
        }
        return file.tensor(named: "dense.kernel")?.shape.first.map(TensorShape.vector)
    }

    /// The width of the inputs the saved weights take.
    public var inputWidth: Int? { inputShape?.count }

    /// Replaces `model`'s weights with the saved ones.
    public func load(into model: Sequential) throws(RunnerFailure) {
        do {
            try model.load(file.tensors.map { WeightTensor(name: $0.name, shape: $0.shape, values: $0.values) })
        } catch {
            throw .located(ModelFileError.mismatch(path: modelPath, reason: error.description).description)
        }
    }

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
