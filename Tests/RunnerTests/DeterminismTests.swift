import Foundation
import TestSupport
import XCTest

/// The thread count changes the speed, never a bit: the engine's products, element-wise passes and
/// optimizer step are cut into tasks that do not depend on it (docs/reliability.md).
///
/// The model is wide enough to be cut: 600 and 520 units make three column tiles of 256 in every product,
/// and its 350,000 parameters eleven optimizer chunks; dropout and RMSprop are in. On the tiny IDX dataset
/// an epoch takes milliseconds.
///
/// Why they can fail: with OpenBLAS left multi-threaded and the pool's tasks run inline, both failed (every
/// history and model file differed between 1 and 2 threads, and the sweep child's verify found 4 of 6 files
/// differing), as the measurement of the seed experiment did.
final class DeterminismTests: XCTestCase {
    static let wideModel = [
        "--set", "model.layers=[{dense: 600, activation: relu}, {dropout: 0.2}, {dense: 520, activation: tanh}, {dense: 10, activation: softmax}]",
        "--set", "compile.optimizer=rmsprop",
    ]
    static let deterministicFiles = ["history.csv", "history.json", "metrics.json", "model.safetensors"]

    func testOneTwoThreeAndFiveThreadsGiveByteIdenticalRuns() throws {
        try Self.assertByteIdenticalRuns(threads: [1, 2, 3, 5], TinyExperiment(epochs: 3), Self.wideModel)
    }

    /// Runs `tiny` with `overrides` on each thread count and checks the deterministic files equal the first's.
    static func assertByteIdenticalRuns(threads counts: [Int], _ tiny: TinyExperiment, _ overrides: [String],
                                        file: StaticString = #filePath, line: UInt = #line) throws {
        var reference: [String: Data] = [:]
        for threads in counts {
            let results = TemporaryDirectory("runner-results")
            let r = try tiny.run(overrides, results: results.path, environment: ["OPENBLAS_NUM_THREADS": "\(threads)"])
            XCTAssertEqual(r.status, 0, r.stderr, file: file, line: line)
            let folder = try tiny.folder(in: results.path)
            let record = try RunFiles.json(folder + "/run.json")
            XCTAssertEqual(record["threads"] as? Int, threads, "run.json records the pool's threads", file: file, line: line)
            XCTAssertEqual(record["kernel_family"] as? String, (record["versions"] as? [String: String])?["blas_core"], file: file, line: line)
            for name in deterministicFiles {
                let bytes = try XCTUnwrap(FileManager.default.contents(atPath: folder + "/" + name), name, file: file, line: line)
                if threads == counts[0] { reference[name] = bytes } else {
                    XCTAssertEqual(bytes, reference[name], "\(name) with \(threads) threads differs from \(counts[0])", file: file, line: line)
                }
            }
        }
    }

    /// `runner sweep --jobs 2` gives each child one BLAS thread; a plain `runner verify` (all cores) reproduces it.
    func testASweepChildsRunPassesAPlainVerify() throws {
        let tiny = TinyExperiment(epochs: 2)
        let sweep = try RunnerProcess.run(["sweep", tiny.file] + Self.wideModel + ["--grid", "fit.batch_size=16,32", "--jobs", "2"],
                                          in: tiny.folder.url, environment: ["OPENBLAS_NUM_THREADS": "2"])
        XCTAssertEqual(sweep.status, 0, sweep.stdout + sweep.stderr)
        XCTAssertTrue(sweep.stdout.contains("1 BLAS thread each"), sweep.stdout)
        let root = tiny.folder.path + "/results/tiny"
        let runs = try FileManager.default.contentsOfDirectory(atPath: root)
            .filter { $0 != "latest" && FileManager.default.fileExists(atPath: root + "/" + $0 + "/run.json") }.sorted()
        XCTAssertEqual(runs.count, 2, "\(runs)")
        let child = root + "/" + runs[0]
        XCTAssertEqual(try RunFiles.json(child + "/run.json")["threads"] as? Int, 1)
        let verify = try RunnerProcess.run(["verify", child, "-q"], in: tiny.folder.url, environment: ["OPENBLAS_NUM_THREADS": "2"])
        XCTAssertEqual(verify.status, 0, verify.stdout + verify.stderr)
        XCTAssertEqual(verify.stderr, "")
        XCTAssertFalse(verify.stdout.contains("differs"), verify.stdout)
    }
}
