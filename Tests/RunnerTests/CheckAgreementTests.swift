import Foundation
import TestSupport
import XCTest

/// `check` refuses what `run` would refuse for the experiment itself, at the same place and with the same words.
final class CheckAgreementTests: XCTestCase {
    /// The tiny IDX folder has 64 training images: 0.99 leaves floor(64 x 0.01) = 0 of them for training.
    func testASplitLeavingNoTrainingRowOfASmallIDXFolderFailsCheckAsItFailsRun() throws {
        let tiny = TinyExperiment(epochs: 1)
        let split = ["--set", "fit.validation={split: 0.99}"]
        let expected = "--set fit.validation={split: 0.99}:1:30: error: 'fit.validation.split' is 0.99, which leaves 0 of ./data's 64 "
            + "training rows for training (floor(64 x (1 - 0.99)), as Keras) and 64 for validation; each side needs at least one row, "
            + "so give a smaller fraction\n"
        let check = try RunnerProcess.run(["check", tiny.file] + split, in: tiny.folder.url)
        XCTAssertEqual(check.status, 2)
        XCTAssertEqual(check.stdout, "")
        XCTAssertEqual(check.stderr, expected)
        let run = try tiny.run(split, results: "results")
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stderr, expected)
        XCTAssertFalse(FileManager.default.fileExists(atPath: tiny.folder.path + "/results"))
        XCTAssertEqual(try RunnerProcess.run(["check", tiny.file, "--set", "fit.validation={split: 0.98}"], in: tiny.folder.url).status, 0)
    }

    /// A damaged images file is found only when the data loads (check reads headers): `run` names the file, and
    /// says `error:` once.
    func testAnIDXDataErrorAtRunTimeSaysErrorOnce() throws {
        let tiny = TinyExperiment(epochs: 1)
        let images = tiny.folder.path + "/data/train-images-idx3-ubyte"
        let bytes = try Data(contentsOf: URL(fileURLWithPath: images))
        try bytes.prefix(100).write(to: URL(fileURLWithPath: images))
        let r = try tiny.run([], results: "results")
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "\(tiny.folder.path)/./data/train-images-idx3-ubyte: error: truncated IDX file: the header declares "
            + "1024 bytes of data, the file holds 84; the file was cut short, copy it again\n")
    }
}
