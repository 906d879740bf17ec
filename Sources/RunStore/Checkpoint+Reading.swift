import ExperimentCompiler
import Foundation
import NeuralNetwork
import SeededRandom
import Training

/// Why a run folder's checkpoint is not used: each description completes `PATH ...; training it from the
/// start`, the one line a resumed run prints instead of resuming.
public enum CheckpointError: Error, Equatable, Sendable, CustomStringConvertible {
    case damaged(String)
    case otherVersion(found: String, running: String)
    case otherExperiment
    case otherData
    case doesNotFit(String)

    public var description: String {
        switch self {
        case .damaged(let reason): return "is damaged (\(reason))"
        case let .otherVersion(found, running): return "was written by runner \(found), and this is runner \(running)"
        case .otherExperiment: return "belongs to another experiment (its resolved_sha256 is not that of this run's resolved.json)"
        case .otherData: return "was trained on other data (the data files changed since)"
        case .doesNotFit(let reason): return "does not fit the model (\(reason))"
        }
    }
}

extension Checkpoint {
    /// The checkpoint at `path` when it belongs to this runner, this experiment and this data; nil when
    /// there is none.
    public static func read(path: String, runnerVersion: String, resolvedSHA256: String, dataDigest: String?)
        throws(CheckpointError) -> Checkpoint?
    {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        let file: SafeTensors
        do {
            file = try SafeTensors.read(path: path)
        } catch {
            switch error {
            case .malformed(_, let reason), .unreadable(_, let reason): throw .damaged(reason)
            default: throw .damaged(error.description)
            }
        }
        let metadata = file.metadata
        guard metadata["format"] == formatName, metadata["format_version"] == formatVersion else {
            throw .damaged("its format is '\(metadata["format"] ?? "")' version '\(metadata["format_version"] ?? "")', not \(formatName) \(formatVersion)")
        }
        guard let version = metadata["runner_version"] else { throw .damaged("it names no runner_version") }
        guard version == runnerVersion else { throw .otherVersion(found: version, running: runnerVersion) }
        guard metadata["resolved_sha256"] == resolvedSHA256 else { throw .otherExperiment }
        guard metadata["data_digest"] == dataDigest else { throw .otherData }
        guard let text = metadata["state"], metadata["content_sha256"] == contentDigest(state: text, tensors: file.tensors) else {
            throw .damaged("its content_sha256 does not match its contents")
        }
        let state: FitState
        do { state = try Self.state(parsing: text, tensors: file) } catch { throw .damaged(error.reason) }
        return Checkpoint(state: state, runnerVersion: version, resolvedSHA256: resolvedSHA256, dataDigest: dataDigest,
                          kernelFamily: metadata["kernel_family"])
    }

    private struct Malformed: Error { let reason: String }

    private static func state(parsing text: String, tensors file: SafeTensors) throws(Malformed) -> FitState {
        func fail(_ reason: String) -> Malformed { Malformed(reason: reason) }
        guard let json = try? JSONValue(parsing: text), case .object = json else { throw fail("its state is not a JSON object") }
        func double(_ value: JSONValue?, _ what: String) throws(Malformed) -> Double {
            guard let text = value?.string, let bits = UInt64(text, radix: 16) else { throw fail("\(what) is not a float's bits") }
            return Double(bitPattern: bits)
        }
        func int(_ value: JSONValue?, _ what: String) throws(Malformed) -> Int {
            guard case .int(let n)? = value, n >= 0 else { throw fail("\(what) is not a count") }
            return n
        }
        func optionalInt(_ value: JSONValue?, _ what: String) throws(Malformed) -> Int? {
            value == .null ? nil : try int(value, what)
        }

        guard case .array(let epochs)? = json["epochs"] else { throw fail("its state has no epochs") }
        var history = History()
        for (i, epoch) in epochs.enumerated() {
            guard case .array(let entries) = epoch else { throw fail("epoch \(i + 1) is not a list") }
            var logs = Logs()
            for entry in entries {
                guard case .array(let pair) = entry, pair.count == 2, let name = pair[0].string else { throw fail("epoch \(i + 1) has a malformed entry") }
                logs[name] = try double(pair[1], "epoch \(i + 1)'s \(name)")
            }
            history.append(logs)
        }
        history.stoppedEpoch = try optionalInt(json["stopped_epoch"], "stopped_epoch")

        guard let weights = file.tensor(named: "weights")?.values else { throw fail("it has no weights tensor") }
        func named(_ prefix: String) -> [WeightTensor] {
            file.tensors.filter { $0.name.hasPrefix(prefix) }
                .map { WeightTensor(name: String($0.name.dropFirst(prefix.count)), shape: $0.shape, values: $0.values) }
        }
        let layerState = named("state.")
        var slots: [String: [Float]] = [:]
        for tensor in file.tensors where tensor.name.hasPrefix("optimizer.") { slots[String(tensor.name.dropFirst(10))] = tensor.values }
        let optimizer = OptimizerState(iterations: try int(json["optimizer"]?["iterations"], "optimizer.iterations"),
                                       learningRate: try double(json["optimizer"]?["learning_rate"], "optimizer.learning_rate"),
                                       slots: slots)

        guard case .array(let streams)? = json["dropout_streams"] else { throw fail("its state has no dropout_streams") }
        var dropout: [SeededRandom] = []
        for stream in streams {
            guard case .array(let words) = stream, let state = Optional(words.compactMap { $0.string.flatMap { UInt64($0, radix: 16) } }),
                  state.count == words.count, let random = SeededRandom(state: state)
            else { throw fail("a dropout stream is not four 64-bit words") }
            dropout.append(random)
        }

        var earlyStopping: EarlyStoppingRule.Progress?
        if let rule = json["early_stopping"] {
            earlyStopping = .init(wait: try int(rule["wait"], "early_stopping.wait"),
                                  best: rule["best"] == .null ? nil : try double(rule["best"], "early_stopping.best"),
                                  bestEpoch: try optionalInt(rule["best_epoch"], "early_stopping.best_epoch"),
                                  stoppedEpoch: try optionalInt(rule["stopped_epoch"], "early_stopping.stopped_epoch"))
        }
        var plateau: ReduceLROnPlateauRule.Progress?
        if let rule = json["plateau"] {
            plateau = .init(best: try double(rule["best"], "plateau.best"), wait: try int(rule["wait"], "plateau.wait"),
                            cooldownCounter: try int(rule["cooldown_counter"], "plateau.cooldown_counter"))
        }
        let callbacks = CallbackState(initialRate: try double(json["initial_rate"], "initial_rate"), earlyStopping: earlyStopping,
                                      plateau: plateau, bestWeights: file.tensor(named: "best_weights")?.values,
                                      bestState: file.tensor(named: "best_weights") == nil ? nil : named("best_state."))
        return FitState(history: history, weights: weights, layerState: layerState, optimizer: optimizer, dropoutStreams: dropout, callbacks: callbacks)
    }
}
