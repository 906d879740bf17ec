import Foundation
import TestSupport
import XCTest

/// A run stopped at any point (SIGKILL mid-epoch, right after a checkpoint, while the model is written)
/// resumes when the same command runs again, on any number of threads, and ends with the same bytes as a
/// run that never stopped.
final class ResumeTests: XCTestCase {
    /// Adam and dropout (both with state a resume must restore), a layer wide enough for the engine's 256-column tiles.
    static let model = ["--set", "model.layers=[{dense: 300, activation: relu}, {dropout: 0.3}, {dense: 10, activation: softmax}]",
                        "--set", "compile.optimizer={name: adam, learning_rate: 0.01}"]

    func testAKilledRunResumesFromItsCheckpointAndEndsByteIdenticalWhereverItWasKilled() throws {
        let tiny = TinyExperiment(epochs: 5)
        let reference = try ResumeCase.uninterrupted(tiny, Self.model)
        // Where it is killed, and the epochs its checkpoint holds then (nil: none finished).
        let cases: [(String, Int?)] = [("KILL@3", 2), ("KILL@1", nil), ("KILL@2:checkpoint", 2), ("KILL@5:checkpoint", 5),
                                       ("KILL@model", 5), ("TERM@4", 3)]
        for (point, kept) in cases {
            let root = tiny.folder.path + "/results-" + point.replacingOccurrences(of: ":", with: "-")
            let killed = try tiny.run(Self.model, results: root, environment: ["RUNNER_TEST_SIGNAL": point, "OPENBLAS_NUM_THREADS": "1"])
            XCTAssertEqual(killed.status, point.hasPrefix("TERM") ? 143 : SIGKILL, point)
            let folder = try tiny.folder(in: root)
            XCTAssertEqual(FileManager.default.fileExists(atPath: folder + "/checkpoint.safetensors"), kept != nil, point)
            // The second half on another thread count.
            let again = try RunnerProcess.run([tiny.file, "--results", root] + Self.model, in: tiny.folder.url,
                                              environment: ["OPENBLAS_NUM_THREADS": "3"])
            XCTAssertEqual(again.status, 0, again.stderr)
            XCTAssertEqual(again.stderr, "", point)
            let expected = kept.map { $0 == 5 ? "Resuming \(folder) after epoch 5/5, the last to train" : "Resuming \(folder) at epoch \($0 + 1)/5" }
            XCTAssertEqual(again.stdout.split(separator: "\n").first.map(String.init), expected ?? "Epoch 1/5", point)
            ResumeCase.assertSameFiles(folder, reference, point)
            let record = try RunFiles.json(folder + "/run.json")
            XCTAssertEqual(record["resumed_after_epoch"] as? Int, kept, point)
            XCTAssertEqual((record["epoch_seconds"] as? [Double])?.count, 5, point)
            XCTAssertEqual((record["checkpoint_seconds"] as? [Double])?.count, 5, point)
        }
    }

    func testEarlyStoppingKilledBetweenItsBestEpochAndItsStopResumesExactly() throws {
        let tiny = TinyExperiment(epochs: 40)
        let stopping = Self.model + ["--set", "fit.early_stopping={monitor: val_loss, patience: 2, restore_best_weights: true}"]
        let reference = try ResumeCase.uninterrupted(tiny, stopping)
        let metrics = try RunFiles.json(reference + "/metrics.json")
        let (best, stop) = (metrics["restored_epoch"] as? Int ?? 0, metrics["stopped_epoch"] as? Int ?? 0)
        XCTAssertLessThan(best + 1, stop, "the test needs an epoch between the best and the stop")
        for point in ["KILL@\(best + 1):checkpoint", "KILL@\(stop)", "KILL@\(stop):checkpoint"] {
            let folder = try ResumeCase.killedAndResumed(tiny, stopping, at: point)
            ResumeCase.assertSameFiles(folder, reference, point)
        }
    }

    func testReduceLROnPlateauKilledAfterAReductionResumesExactly() throws {
        let tiny = TinyExperiment(epochs: 12)
        let plateau = Self.model + ["--set", "fit.learning_rate_schedule={name: reduce_lr_on_plateau, patience: 1, factor: 0.5, cooldown: 1}"]
        let reference = try ResumeCase.uninterrupted(tiny, plateau)
        let rates = try ResumeCase.column("learning_rate", reference + "/history.csv")
        // Lowered at the end of epoch 2 and again later: a resumed rule that forgot its best, wait and
        // cooldown would lower it at other epochs.
        XCTAssertEqual(rates.first, 0.01)
        XCTAssertLessThan(rates.last ?? 1, 0.005, "\(rates)")
        for point in ["KILL@3:checkpoint", "KILL@4", "KILL@5:checkpoint"] {
            let folder = try ResumeCase.killedAndResumed(tiny, plateau, at: point)
            ResumeCase.assertSameFiles(folder, reference, point)
        }
    }

    func testForceTrainsFromTheStartAndRemovesTheCheckpoint() throws {
        let tiny = TinyExperiment(epochs: 4)
        let root = tiny.folder.path + "/results"
        XCTAssertNotEqual(try tiny.run([], results: root, environment: ["RUNNER_TEST_SIGNAL": "KILL@3"]).status, 0)
        let forced = try RunnerProcess.run([tiny.file, "--results", root, "--force"], in: tiny.folder.url)
        XCTAssertEqual(forced.status, 0, forced.stderr)
        XCTAssertTrue(forced.stdout.hasPrefix("Epoch 1/4\n"), forced.stdout)
        let folder = try tiny.folder(in: root)
        XCTAssertNil(try RunFiles.json(folder + "/run.json")["resumed_after_epoch"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/checkpoint.safetensors"))
    }

    func testAnInterruptedRunSaysItWillResumeAndDoes() throws {
        let tiny = TinyExperiment(epochs: 4)
        let root = tiny.folder.path + "/results"
        let interrupted = try tiny.run([], results: root, environment: ["RUNNER_TEST_SIGNAL": "INT@3"])
        XCTAssertEqual(interrupted.status, 130)
        let folder = try tiny.folder(in: root)
        XCTAssertEqual(interrupted.stderr, "interrupted: 2 finished epochs kept in \(folder); run the same command again to resume it at epoch 3\n")
        let again = try RunnerProcess.run([tiny.file, "--results", root], in: tiny.folder.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("Resuming \(folder) at epoch 3/4\nEpoch 3/4\n"), again.stdout)
    }
}

/// The runs a resume test compares.
enum ResumeCase {
    /// The run folder of `arguments` trained without a stop, in its own results root.
    static func uninterrupted(_ tiny: TinyExperiment, _ arguments: [String]) throws -> String {
        let root = tiny.folder.path + "/uninterrupted-\(UUID().uuidString)"
        let r = try tiny.run(arguments, results: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        return try tiny.folder(in: root)
    }

    /// Killed at `point` on one thread, run again on three; the run folder.
    static func killedAndResumed(_ tiny: TinyExperiment, _ arguments: [String], at point: String) throws -> String {
        let root = tiny.folder.path + "/killed-\(UUID().uuidString)"
        let killed = try tiny.run(arguments, results: root, environment: ["RUNNER_TEST_SIGNAL": point, "OPENBLAS_NUM_THREADS": "1"])
        XCTAssertEqual(killed.status, SIGKILL, point)
        let folder = try tiny.folder(in: root)
        let again = try RunnerProcess.run([tiny.file, "--results", root] + arguments, in: tiny.folder.url,
                                          environment: ["OPENBLAS_NUM_THREADS": "3"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("Resuming \(folder) "), "\(point): \(again.stdout)")
        return folder
    }

    /// Every file of `reference` but run.json has the same bytes in `folder`, which has no other file
    /// (no checkpoint, no temporary file) besides run.json.
    static func assertSameFiles(_ folder: String, _ reference: String, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: reference)) ?? []).sorted()
        XCTAssertEqual(((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted(), names, label, file: file, line: line)
        XCTAssertTrue(names.contains("model.safetensors") && names.contains("test-predictions.csv"), "\(names)", file: file, line: line)
        for name in names where name != "run.json" {
            XCTAssertEqual(FileManager.default.contents(atPath: folder + "/" + name), FileManager.default.contents(atPath: reference + "/" + name),
                           "\(label): \(name) differs from the uninterrupted run's", file: file, line: line)
        }
    }

    /// One column of a history.csv.
    static func column(_ name: String, _ path: String) throws -> [Double] {
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        guard let index = rows.first?.firstIndex(where: { $0 == name }) else { return [] }
        return rows.dropFirst().compactMap { Double($0[index]) }
    }
}
