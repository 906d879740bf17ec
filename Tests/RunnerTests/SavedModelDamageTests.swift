import Foundation
import TestSupport
import XCTest

/// A run folder whose model.safetensors or resolved.json was altered: evaluate, predict and verify refuse it the
/// same way, naming the file (and the tensor), with status 2, before any data is read or any training starts.
final class SavedModelDamageTests: XCTestCase {
    static let retrain = "run the experiment again with --force to write it again"

    /// A copy of the trained run `run` under `results`, as `name`.
    static func copy(_ run: String, as name: String, in results: TemporaryDirectory) throws -> String {
        let copy = results.path + "/mnist-dense/" + name
        try FileManager.default.copyItem(atPath: run, toPath: copy)
        return copy
    }

    /// The model file's header (JSON) and where its data starts.
    static func header(_ model: [UInt8]) throws -> (json: [String: Any], dataStart: Int) {
        let length = model[0..<8].reversed().reduce(0) { $0 << 8 | Int($1) }
        let json = try JSONSerialization.jsonObject(with: Data(model[8..<(8 + length)])) as! [String: Any]
        return (json, 8 + length)
    }

    /// Writes `value` over the `index`th float of tensor `name`, leaving the header (and its resolved_sha256) as it was.
    static func overwrite(_ run: String, tensor name: String, index: Int, with value: Float) throws {
        let path = run + "/model.safetensors"
        var model = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let (json, dataStart) = try header(model)
        let begin = ((json[name] as! [String: Any])["data_offsets"] as! [Int])[0]
        withUnsafeBytes(of: value.bitPattern.littleEndian) { model.replaceSubrange((dataStart + begin + 4 * index)..<(dataStart + begin + 4 * index + 4), with: $0) }
        try Data(model).write(to: URL(fileURLWithPath: path))
    }

    /// Replaces `old` by `new` (the same length) in the model file's header.
    static func editHeader(_ run: String, _ old: String, _ new: String) throws {
        let path = run + "/model.safetensors"
        let model = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        let (_, dataStart) = try header(model)
        let text = String(decoding: model[8..<dataStart], as: UTF8.self)
        XCTAssertTrue(text.contains(old), text)
        let edited = Array(text.replacingOccurrences(of: old, with: new).utf8)
        XCTAssertEqual(edited.count, dataStart - 8)
        try Data(Array(model[..<8]) + edited + Array(model[dataStart...])).write(to: URL(fileURLWithPath: path))
    }

    func testNaNInfinitySwappedDimensionsAndAnotherDtypeAreRefusedNamingTheTensor() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try EvaluateCommandTests.train(results)
        let nan = try Self.copy(run, as: "nan", in: results)
        try Self.overwrite(nan, tensor: "dense_1.bias", index: 3, with: .nan)
        let inf = try Self.copy(run, as: "inf", in: results)
        try Self.overwrite(inf, tensor: "dense.kernel", index: 8 * 5 + 2, with: -.infinity)
        try Self.overwrite(inf, tensor: "dense.kernel", index: 8 * 700, with: .infinity)
        let swapped = try Self.copy(run, as: "swapped", in: results)
        try Self.editHeader(swapped, "\"shape\":[784,8]", "\"shape\":[8,784]")
        let f64 = try Self.copy(run, as: "f64", in: results)
        try Self.editHeader(f64, "\"dtype\":\"F32\",\"shape\":[10]", "\"dtype\":\"F64\",\"shape\":[10]")
        let expected = [
            nan: "\(nan)/model.safetensors: error: tensor 'dense_1.bias' holds nan at [3] (1 value is not finite); "
                + "a completed run's weights are finite, so the file is damaged: \(Self.retrain)\n",
            inf: "\(inf)/model.safetensors: error: tensor 'dense.kernel' holds -inf at [5, 2] (2 values are not finite); "
                + "a completed run's weights are finite, so the file is damaged: \(Self.retrain)\n",
            swapped: "\(swapped)/model.safetensors: error: does not fit the run's model: 'dense.kernel' has shape [8, 784], "
                + "the model's is [784, 8]; \(Self.retrain)\n",
            f64: "\(f64)/model.safetensors: error: not a safetensors file this runner can read: tensor 'dense_1.bias' is F64; "
                + "only F32 tensors are read; \(Self.retrain)\n",
        ]
        for (folder, message) in expected.sorted(by: { $0.key < $1.key }) {
            for command in [["evaluate", folder], ["predict", folder, "--input", "data/mnist/t10k-images-idx3-ubyte.gz"], ["verify", folder, "-q"]] {
                let r = try RunnerProcess.run(command)
                XCTAssertEqual(r.status, 2, "\(command): \(r.stderr)")
                XCTAssertEqual(r.stdout, "", "\(command)")
                XCTAssertEqual(r.stderr, message, "\(command)")
            }
        }
        XCTAssertEqual(try RunnerProcess.run(["evaluate", run]).status, 0)
    }

    /// Both say the run folder is damaged, with status 2: verify once said 1 (a failed run), evaluate 2.
    func testAResolvedJSONThatDoesNotCompileBackIsADamagedRunFolderForEvaluateAndVerifyAlike() throws {
        let results = TemporaryDirectory("runner-results")
        let run = try EvaluateCommandTests.train(results)
        let resolved = run + "/resolved.json"
        // Still the same experiment, but not the bytes it compiles to.
        try (try String(contentsOfFile: resolved, encoding: .utf8) + "\n").write(toFile: resolved, atomically: true, encoding: .utf8)
        for command in [["evaluate", run], ["verify", run, "-q"], ["predict", run, "--input", "data/mnist/t10k-images-idx3-ubyte.gz"]] {
            let r = try RunnerProcess.run(command)
            XCTAssertEqual(r.status, 2, "\(command)")
            XCTAssertEqual(r.stdout, "", "\(command)")
            XCTAssertEqual(r.stderr, "\(resolved): error: does not compile back to the same experiment (was it edited, or written by another "
                + "version of runner?); the run folder is damaged: run the experiment again with --force to rewrite it\n", "\(command)")
        }
    }
}
