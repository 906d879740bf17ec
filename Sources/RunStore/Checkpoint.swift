import Datasets
import ExperimentCompiler
import NeuralNetwork
import SeededRandom
import Training

/// `checkpoint.safetensors`: a running run's state after its last finished epoch (`FitState`), written
/// atomically after every epoch and removed when the run completes, so that running the same command again
/// goes on from it (docs/results.md, "Checkpoint").
///
/// One safetensors file, readable by `safetensors.numpy.load_file`: the tensors `weights` (the model's
/// parameter buffer), `state.<layer>.<name>` (each layer's non-trainable state, such as
/// `state.batch_normalization.moving_mean`, in its own shape), `best_weights` (early stopping's kept weights, when any, with `best_state.<layer>.<name>`, that epoch's layer state) and `optimizer.<slot>` (one
/// per optimizer slot), all `[parameters]`. `__metadata__` says what the state belongs to (`format`,
/// `format_version`, `runner_version`, `resolved_sha256` of resolved.json, `data_digest` when the data has
/// one, `kernel_family`) and holds `state`, compact JSON of the rest: the history's logs in order, early
/// stopping's and the plateau's counters, the optimizer's step count and rate, each dropout stream's four
/// words. Floats there are their IEEE-754 bits in hexadecimal, so infinities and every bit come back
/// exactly. `content_sha256` is the SHA-256 of `state`'s bytes followed by the tensor data, so a damaged
/// file is told from a sound one. No times: the same run writes the same bytes.
public struct Checkpoint: Sendable, Equatable {
    public static let fileName = "checkpoint.safetensors"
    static let formatName = "runner.checkpoint"
    static let formatVersion = "1"

    public var state: FitState
    /// The runner that wrote it (`RunnerVersion.runner`); another version's is not used.
    public var runnerVersion: String
    /// The SHA-256 of the run's resolved.json.
    public var resolvedSHA256: String
    /// The data files' digest (`DataDigest`), nil for bundled data.
    public var dataDigest: String?
    /// The OpenBLAS kernel family it was trained on (`RunRecord.kernelFamily`).
    public var kernelFamily: String?

    public init(state: FitState, runnerVersion: String, resolvedSHA256: String, dataDigest: String?, kernelFamily: String?) {
        self.state = state
        self.runnerVersion = runnerVersion
        self.resolvedSHA256 = resolvedSHA256
        self.dataDigest = dataDigest
        self.kernelFamily = kernelFamily
    }

    /// The file's contents.
    public var file: SafeTensors {
        var tensors = [SafeTensors.Tensor(name: "weights", shape: [state.weights.count], values: state.weights)]
        for tensor in state.layerState { tensors.append(.init(name: "state." + tensor.name, shape: tensor.shape, values: tensor.values)) }
        if let best = state.callbacks.bestWeights { tensors.append(.init(name: "best_weights", shape: [best.count], values: best)) }
        for tensor in state.callbacks.bestState ?? [] {
            tensors.append(.init(name: "best_state." + tensor.name, shape: tensor.shape, values: tensor.values))
        }
        for (name, values) in state.optimizer.slots { tensors.append(.init(name: "optimizer." + name, shape: [values.count], values: values)) }
        let text = Self.stateJSON(state).compactText
        var metadata = ["format": Self.formatName, "format_version": Self.formatVersion, "runner_version": runnerVersion,
                        "resolved_sha256": resolvedSHA256, "state": text]
        if let dataDigest { metadata["data_digest"] = dataDigest }
        if let kernelFamily { metadata["kernel_family"] = kernelFamily }
        var file = SafeTensors(tensors: tensors, metadata: metadata)
        file.metadata["content_sha256"] = Self.contentDigest(state: text, tensors: file.tensors)
        return file
    }

    /// SHA-256 of the state's text and then every tensor's values, little-endian, in the file's order.
    static func contentDigest(state: String, tensors: [SafeTensors.Tensor]) -> String {
        var bytes = Array(state.utf8)
        bytes.reserveCapacity(bytes.count + 4 * tensors.reduce(0) { $0 + $1.values.count })
        for tensor in tensors {
            #if _endian(little)
            tensor.values.withUnsafeBytes { bytes += $0 }
            #else
            for value in tensor.values { withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 } }
            #endif
        }
        return SHA256Digest.hex(bytes)
    }

    static func stateJSON(_ state: FitState) -> JSONValue {
        var members: [String: JSONValue] = [
            "epochs": .array(state.history.epochs.map { logs in .array(logs.entries.map { .array([.string($0.name), bits($0.value)]) }) }),
            "stopped_epoch": state.history.stoppedEpoch.map(JSONValue.int) ?? .null,
            "optimizer": .object(["iterations": .int(state.optimizer.iterations), "learning_rate": bits(state.optimizer.learningRate)]),
            "dropout_streams": .array(state.dropoutStreams.map { .array($0.state.map { .string(String($0, radix: 16)) }) }),
            "initial_rate": bits(state.callbacks.initialRate),
        ]
        if let rule = state.callbacks.earlyStopping {
            members["early_stopping"] = .object([
                "wait": .int(rule.wait), "best": rule.best.map(bits) ?? .null,
                "best_epoch": rule.bestEpoch.map(JSONValue.int) ?? .null, "stopped_epoch": rule.stoppedEpoch.map(JSONValue.int) ?? .null,
            ])
        }
        if let rule = state.callbacks.plateau {
            members["plateau"] = .object(["best": bits(rule.best), "wait": .int(rule.wait), "cooldown_counter": .int(rule.cooldownCounter)])
        }
        return .object(members)
    }

    /// A Double's bits as hexadecimal text: exact, infinities included, which JSON numbers are not.
    static func bits(_ value: Double) -> JSONValue { .string(String(value.bitPattern, radix: 16)) }
}
