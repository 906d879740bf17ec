import Foundation
import TestSupport
import XCTest

/// A convnet with batch normalization and dropout killed and resumed on another thread count ends with the
/// bytes of one that never stopped: the checkpoint holds batch normalization's moving statistics, which are
/// outside the parameter buffer and would otherwise start again from 0 and 1.
final class ConvnetResumeTests: XCTestCase {
    func testAKilledConvnetWithBatchNormalizationResumesByteIdentical() throws {
        let tiny = TinyExperiment(epochs: 4)
        let convnet = ConvnetCommandTests.convnet
        let reference = try ResumeCase.uninterrupted(tiny, convnet)

        let root = tiny.folder.path + "/killed"
        let killed = try tiny.run(convnet, results: root, environment: ["RUNNER_TEST_SIGNAL": "KILL@2:checkpoint", "OPENBLAS_NUM_THREADS": "1"])
        XCTAssertEqual(killed.status, SIGKILL)
        let folder = try tiny.folder(in: root)
        let checkpoint = [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder + "/checkpoint.safetensors")))
        let header = try SavedModelDamageTests.header(checkpoint).json
        for name in ["moving_mean", "moving_variance"] {
            let tensor = header["state.batch_normalization." + name] as? [String: Any]
            XCTAssertEqual(tensor?["shape"] as? [Int], [8], "\(header.keys.sorted())")
        }
        XCTAssertNil(header["state.batch_normalization.gamma"], "gamma is a weight, in the parameter buffer")
        let again = try RunnerProcess.run([tiny.file, "--results", root] + convnet, in: tiny.folder.url, environment: ["OPENBLAS_NUM_THREADS": "3"])
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertTrue(again.stdout.hasPrefix("Resuming \(folder) at epoch 3/4\n"), again.stdout)
        ResumeCase.assertSameFiles(folder, reference, "KILL@2:checkpoint")

        let midEpoch = try ResumeCase.killedAndResumed(tiny, convnet, at: "KILL@4")
        ResumeCase.assertSameFiles(midEpoch, reference, "KILL@4")
    }
}
