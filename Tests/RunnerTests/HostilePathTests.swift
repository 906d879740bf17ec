import Foundation
import TestSupport
import XCTest

/// Names, paths and links that could make the runner write, or follow a link, outside its results root.
final class HostilePathTests: XCTestCase {
    func testExperimentNamesThatAreNotOneFolderAreRefusedBeforeAnythingIsWritten() throws {
        let tiny = TinyExperiment(epochs: 1)
        for (name, problem) in [("../x", "'/' is not allowed"), ("a/b", "'/' is not allowed"), ("..", nil)] {
            let r = try tiny.run(["--set", "name=\(name)"], results: tiny.folder.path + "/results")
            XCTAssertEqual(r.status, 2, r.stderr)
            let expected = problem.map { "'name' must be one path component of letters, digits, '-', '_' and '.', not '\(name)' (\($0))" }
                ?? "'name' cannot be '..'; it names a folder under results/, e.g. mnist-dense"
            XCTAssertTrue(r.stderr.hasPrefix("--set name=\(name):1:12: error: \(expected)"), r.stderr)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: tiny.folder.path + "/results"))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tiny.folder.path).sorted(), ["data", "tiny.yaml"])
    }

    func testAResultsRootWithDotDotIsUsedAsGivenAndNothingIsWrittenBesideIt() throws {
        let tiny = TinyExperiment(epochs: 1)
        let before = RunFiles.listing(tiny.folder.path)
        let r = try tiny.run([], results: "data/../results")
        XCTAssertEqual(r.status, 0, r.stderr)
        let after = RunFiles.listing(tiny.folder.path)
        XCTAssertEqual(after.filter { !$0.contains(" results") }, before, "only results/ is new")
        XCTAssertTrue(after.contains { $0.hasPrefix("f results/tiny/") && $0.hasSuffix("/run.json") }, "\(after)")
    }

    func testADatasetFolderGivenAsALinkIsReadAndNothingIsWrittenThere() throws {
        let tiny = TinyExperiment(epochs: 1)
        try FileManager.default.createSymbolicLink(atPath: tiny.folder.path + "/linked", withDestinationPath: tiny.folder.path + "/data")
        let data = RunFiles.snapshot(tiny.folder.path + "/data")
        let r = try tiny.run(["--set", "data.dataset.idx_folder=./linked"], results: tiny.folder.path + "/results")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(RunFiles.snapshot(tiny.folder.path + "/data"), data)
        XCTAssertEqual(RunFiles.listing(tiny.folder.path + "/data").count, 4)
    }

    func testOverrideValuesWithSlashesAndDotDotNameOneFolderInsideTheExperimentFolder() throws {
        let tiny = TinyExperiment(epochs: 1)
        let root = tiny.folder.path + "/results"
        let r = try tiny.run(["--set", "data.dataset.idx_folder=./data/../data/", "--set", "name=tiny"], results: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        let listing = RunFiles.listing(root)
        let folders = listing.filter { $0.hasPrefix("d ") }
        XCTAssertEqual(folders.count, 2, "\(listing)")
        XCTAssertTrue(folders[1].hasPrefix("d tiny/idx_folder=._data_.._data_,name=tiny-"), "\(folders)")
        XCTAssertEqual(folders[1].split(separator: "/").count, 2)
    }

    func testLinksPlantedForEveryFileOfARunFolderAndForLatestAreReplacedNotFollowed() throws {
        let tiny = TinyExperiment(epochs: 2)
        let root = tiny.folder.path + "/results", outside = TemporaryDirectory("runner-outside")
        XCTAssertEqual(try tiny.run([], results: root).status, 0)
        let folder = try tiny.folder(in: root)
        // Every file the run leaves, whatever files a later version adds (a saved model, say).
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        XCTAssertGreaterThanOrEqual(names.count, 6, "\(names)")
        for name in names {
            let target = outside.write(name, "precious \(name)\n")
            try FileManager.default.removeItem(atPath: folder + "/" + name)
            try FileManager.default.createSymbolicLink(atPath: folder + "/" + name, withDestinationPath: target)
        }
        try FileManager.default.removeItem(atPath: root + "/tiny/latest")
        try FileManager.default.createSymbolicLink(atPath: root + "/tiny/latest", withDestinationPath: outside.path)
        let before = RunFiles.snapshot(outside.path)

        let r = try tiny.run(["--force"], results: root)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(RunFiles.snapshot(outside.path), before)
        XCTAssertEqual(RunFiles.listing(outside.path).count, names.count, "nothing was added outside")
        for name in names {
            XCTAssertEqual(RunFiles.listing(folder).filter { $0.hasSuffix(" " + name) || $0.contains(" \(name) -> ") }, ["f \(name)"])
        }
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: root + "/tiny/latest"), (folder as NSString).lastPathComponent)
        RunFiles.assertWhole(root)
    }

    func testALinkPlantedAsTheLockFileIsRefusedAndItsTargetNeverMade() throws {
        let tiny = TinyExperiment(epochs: 1)
        let root = tiny.folder.path + "/results", outside = TemporaryDirectory("runner-outside")
        XCTAssertEqual(try tiny.run([], results: root).status, 0)
        let locks = try FileManager.default.contentsOfDirectory(atPath: root + "/tiny").filter { $0.hasSuffix(".lock") }
        XCTAssertEqual(locks.count, 1)
        let lock = root + "/tiny/" + (locks.first ?? "")
        try FileManager.default.removeItem(atPath: lock)
        // A dangling link: following it with O_CREAT would make the target.
        try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: outside.path + "/made")
        let r = try tiny.run(["--force"], results: root)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: cannot create the lock file '\(lock)': Too many levels of symbolic links; "
            + "a symbolic link stands where the runner writes, and is not followed\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), [])
        let compare = try RunnerProcess.run(["compare", root, "--format", "csv"])
        XCTAssertEqual(compare.status, 0, compare.stderr)
        XCTAssertTrue(compare.stdout.hasSuffix(",completed\n"), compare.stdout)
    }

    func testALinkPlantedInPlaceOfTheRunFolderIsRefused() throws {
        let tiny = TinyExperiment(epochs: 1)
        let root = tiny.folder.path + "/results", outside = TemporaryDirectory("runner-outside")
        XCTAssertEqual(try tiny.run([], results: root).status, 0)
        let folder = try tiny.folder(in: root)
        try FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createSymbolicLink(atPath: folder, withDestinationPath: outside.path)
        let r = try tiny.run([], results: root)
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stderr, "error: cannot use '\(folder)': Too many levels of symbolic links; "
            + "a symbolic link stands where the runner writes, and is not followed\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), [])
    }
}
