import Foundation
import TestSupport
import XCTest

/// A convnet reads images of its own shape: other data of as many pixels but another shape is refused with
/// both shapes, not evaluated as if its rows were the model's.
final class ConvnetEvaluateShapeTests: XCTestCase {
    func testImagesOfAnotherShapeWithAsManyPixelsAreRefused() throws {
        let tiny = TinyExperiment(epochs: 1)
        let results = TemporaryDirectory("runner-results")
        let r = try tiny.run(ConvnetCommandTests.convnet, results: results.path)
        XCTAssertEqual(r.status, 0, r.stderr)
        let run = try tiny.folder(in: results.path)
        let folder = TemporaryDirectory("runner-idx")
        let count = 10
        for split in ["train", "t10k"] {
            folder.write("\(split)-images-idx3-ubyte", TinyIDXDataset.idx([count, 2, 8], Array(repeating: 7, count: count * 16)))
            folder.write("\(split)-labels-idx1-ubyte", TinyIDXDataset.idx([count], (0..<count).map { UInt8($0) }))
        }
        let other = try RunnerProcess.run(["evaluate", run, "--data", folder.path], in: tiny.folder.url)
        XCTAssertEqual(other.status, 2)
        XCTAssertEqual(other.stdout, "")
        XCTAssertEqual(other.stderr, "error: '\(folder.path)' has images of shape [2, 8, 1], the model in \(run) takes images of shape "
            + "[4, 4, 1]; evaluate it on data of the same shape\n")
    }
}
