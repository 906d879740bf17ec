import Foundation
import NeuralNetwork
import SeededRandom
import TestSupport
import Training
import XCTest
@testable import RunStore

/// The checkpoint file reads back to the state it was made from, every bit (infinities included), and a
/// file that is not that state is refused with the reason.
final class CheckpointTests: XCTestCase {
    static func state() -> FitState {
        var history = History([Logs([("loss", 2.5), ("accuracy", 0.125), ("val_loss", .infinity)]), Logs([("loss", 0.1 + 0.2), ("accuracy", 0.5)])])
        history.stoppedEpoch = 2
        return FitState(history: history, weights: [1, -2, 0.5, .leastNonzeroMagnitude],
                        layerState: [WeightTensor(name: "batch_normalization.moving_mean", shape: [2], values: [0.5, -1]),
                                     WeightTensor(name: "batch_normalization.moving_variance", shape: [2], values: [1, .greatestFiniteMagnitude])],
                        optimizer: OptimizerState(iterations: 7, learningRate: 0.001 * 0.5, slots: ["m": [0, 1, 2, 3], "v": [4, 5, 6, 7]]),
                        dropoutStreams: [SeededRandom(seed: 3, streamNumber: 9)],
                        callbacks: CallbackState(initialRate: 0.001,
                                                 earlyStopping: .init(wait: 1, best: 0.25, bestEpoch: 1, stoppedEpoch: nil),
                                                 plateau: .init(best: -.infinity, wait: 2, cooldownCounter: 1), bestWeights: [9, 8, 7, 6],
                                                 bestState: [WeightTensor(name: "batch_normalization.moving_mean", shape: [2], values: [3, -0.0])]))
    }

    func write(_ checkpoint: Checkpoint, in folder: TemporaryDirectory) -> String {
        folder.write(Checkpoint.fileName, checkpoint.file.encoded())
    }

    func testTheFileReadsBackToTheSameStateAndTheSameBytes() throws {
        let folder = TemporaryDirectory()
        let checkpoint = Checkpoint(state: Self.state(), runnerVersion: "9.9", resolvedSHA256: "abc", dataDigest: nil, kernelFamily: "Haswell")
        let path = write(checkpoint, in: folder)
        let read = try Checkpoint.read(path: path, runnerVersion: "9.9", resolvedSHA256: "abc", dataDigest: nil)
        XCTAssertEqual(read, checkpoint)
        XCTAssertEqual(read?.file.encoded(), checkpoint.file.encoded())
        XCTAssertNil(try Checkpoint.read(path: folder.path + "/none", runnerVersion: "9.9", resolvedSHA256: "abc", dataDigest: nil))
    }

    func testAnotherVersionExperimentOrDataIsRefusedWithTheReason() throws {
        let folder = TemporaryDirectory()
        let path = write(Checkpoint(state: Self.state(), runnerVersion: "9.9", resolvedSHA256: "abc", dataDigest: "d1", kernelFamily: nil), in: folder)
        func reason(_ version: String, _ resolved: String, _ data: String?) -> String? {
            do {
                _ = try Checkpoint.read(path: path, runnerVersion: version, resolvedSHA256: resolved, dataDigest: data)
                return nil
            } catch { return error.description }
        }
        XCTAssertEqual(reason("1.0", "abc", "d1"), "was written by runner 9.9, and this is runner 1.0")
        XCTAssertEqual(reason("9.9", "xyz", "d1"), "belongs to another experiment (its resolved_sha256 is not that of this run's resolved.json)")
        XCTAssertEqual(reason("9.9", "abc", nil), "was trained on other data (the data files changed since)")
        XCTAssertNil(reason("9.9", "abc", "d1"))
    }

    func testAModelFileIsNotACheckpoint() throws {
        let folder = TemporaryDirectory()
        let path = folder.write(Checkpoint.fileName, SafeTensors(tensors: [.init(name: "dense.kernel", shape: [1], values: [1])],
                                                                   metadata: ["format": "runner.sequential"]).encoded())
        XCTAssertThrowsError(try Checkpoint.read(path: path, runnerVersion: "9.9", resolvedSHA256: "abc", dataDigest: nil)) { error in
            XCTAssertEqual("\(error)", "is damaged (its format is 'runner.sequential' version '', not runner.checkpoint 1)")
        }
    }
}
