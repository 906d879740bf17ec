import Foundation
import TestSupport
import XCTest

/// A checkpoint that cannot be trusted is never used silently: the run says why on one line of stderr and
/// trains from the start, ending as a run that never stopped.
final class ResumeRefusalTests: XCTestCase {
    /// Killed right after epoch 2's checkpoint, the checkpoint changed by `damage`, run again: the stderr line.
    func refusal(_ damage: (_ checkpoint: String, _ tiny: TinyExperiment) throws -> Void,
                 file: StaticString = #filePath, line: UInt = #line) throws -> (stderr: String, folder: String) {
        let tiny = TinyExperiment(epochs: 4)
        let reference = try ResumeCase.uninterrupted(tiny, [])
        let root = tiny.folder.path + "/results"
        XCTAssertEqual(try tiny.run([], results: root, environment: ["RUNNER_TEST_SIGNAL": "KILL@2:checkpoint"]).status, SIGKILL,
                       file: file, line: line)
        let folder = try tiny.folder(in: root)
        try damage(folder + "/checkpoint.safetensors", tiny)
        let again = try RunnerProcess.run([tiny.file, "--results", root], in: tiny.folder.url)
        XCTAssertEqual(again.status, 0, again.stderr, file: file, line: line)
        XCTAssertTrue(again.stdout.hasPrefix("Epoch 1/4\n"), again.stdout, file: file, line: line)
        ResumeCase.assertSameFiles(folder, reference, "trained from the start", file: file, line: line)
        return (again.stderr, folder)
    }

    func testAFlippedByteIsADamagedCheckpoint() throws {
        let (stderr, folder) = try refusal { path, _ in
            var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
            bytes[bytes.count - 3] ^= 0x40
            try bytes.write(to: URL(fileURLWithPath: path))
        }
        XCTAssertEqual(stderr, "warning: \(folder)/checkpoint.safetensors is damaged (its content_sha256 does not match its contents); "
            + "training it from the start\n")
    }

    func testATruncatedCheckpointIsDamaged() throws {
        let (stderr, folder) = try refusal { path, _ in XCTAssertEqual(truncate(path, 5), 0) }
        XCTAssertEqual(stderr, "warning: \(folder)/checkpoint.safetensors is damaged (5 bytes, shorter than the 8-byte header length); "
            + "training it from the start\n")
    }

    func testAnotherRunnerVersionsCheckpointIsNotUsed() throws {
        let (stderr, folder) = try refusal { path, _ in try Self.editMetadata(path, key: "runner_version", value: "0.0.1") }
        let version = try RunnerProcess.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertFalse(version.isEmpty)
        XCTAssertEqual(stderr, "warning: \(folder)/checkpoint.safetensors was written by runner 0.0.1, and this is runner \(version); "
            + "training it from the start\n")
    }

    func testAnotherExperimentsCheckpointIsNotUsed() throws {
        let (stderr, folder) = try refusal { path, tiny in
            let other = tiny.folder.path + "/other"
            XCTAssertEqual(try tiny.run(["--set", "seed=2"], results: other, environment: ["RUNNER_TEST_SIGNAL": "KILL@3:checkpoint"]).status, SIGKILL)
            try FileManager.default.removeItem(atPath: path)
            try FileManager.default.copyItem(atPath: try tiny.folder(in: other) + "/checkpoint.safetensors", toPath: path)
        }
        XCTAssertEqual(stderr, "warning: \(folder)/checkpoint.safetensors belongs to another experiment (its resolved_sha256 is not that "
            + "of this run's resolved.json); training it from the start\n")
    }

    func testACheckpointOfDataChangedSinceIsNotUsed() throws {
        let tiny = TinyExperiment(epochs: 4)
        let root = tiny.folder.path + "/results"
        XCTAssertEqual(try tiny.run([], results: root, environment: ["RUNNER_TEST_SIGNAL": "KILL@3"]).status, SIGKILL)
        let folder = try tiny.folder(in: root)
        // One test label changed: the same experiment, other data.
        let labels = tiny.folder.path + "/data/t10k-labels-idx1-ubyte"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: labels))
        bytes[8] = (bytes[8] + 1) % 10
        try bytes.write(to: URL(fileURLWithPath: labels))
        let again = try RunnerProcess.run([tiny.file, "--results", root], in: tiny.folder.url)
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stderr, "warning: \(folder)/checkpoint.safetensors was trained on other data (the data files changed since); "
            + "training it from the start\n")
        XCTAssertTrue(again.stdout.hasPrefix("Epoch 1/4\n"), again.stdout)
    }

    /// Rewrites one `__metadata__` value with the reference safetensors package, keeping everything else.
    static func editMetadata(_ path: String, key: String, value: String) throws {
        let script = """
            import sys
            from safetensors import safe_open
            from safetensors.numpy import save_file
            path, key, value = sys.argv[1:]
            with safe_open(path, 'np') as f:
                metadata = f.metadata(); tensors = {k: f.get_tensor(k) for k in f.keys()}
            metadata[key] = value
            save_file(tensors, path, metadata)
            """
        let r = try Shell.run(["python3", "-c", script, path, key, value])
        XCTAssertEqual(r.status, 0, r.error)
    }
}
