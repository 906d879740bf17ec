import Foundation
@testable import RunStore
import TestSupport
import XCTest

final class RunFolderTests: XCTestCase {
    func place(_ root: TemporaryDirectory, _ overrides: [String] = []) -> RunFolder {
        RunFolder(root: root.path + "/results", name: "mnist-dense", id: RunID(resolvedJSON: "{}\n", overrides: overrides))
    }

    func testTheSameExperimentFindsItsFolderUnderAnotherLabel() throws {
        let root = TemporaryDirectory()
        let first = place(root, ["fit.epochs=2"])
        _ = try first.openLock()
        let folder = try first.prepareFolder()
        XCTAssertEqual(folder, root.path + "/results/mnist-dense/epochs=2-\(first.id.hash)")
        XCTAssertEqual(try place(root).prepareFolder(), folder)
    }

    func testCompletedFolderNeedsACompletedRecordAndTheSameResolvedBytes() throws {
        let root = TemporaryDirectory()
        let run = place(root)
        _ = try run.openLock()
        let folder = try run.prepareFolder()
        XCTAssertNil(run.completedFolder(resolvedJSON: "{}\n"))
        try AtomicFile.write("{}\n", to: folder + "/resolved.json")
        try AtomicFile.write("{\"status\": \"interrupted\"}\n", to: folder + "/run.json")
        XCTAssertNil(run.completedFolder(resolvedJSON: "{}\n"))
        try AtomicFile.write("{\"status\": \"completed\"}\n", to: folder + "/run.json")
        XCTAssertEqual(run.completedFolder(resolvedJSON: "{}\n"), folder)
        XCTAssertNil(run.completedFolder(resolvedJSON: "{ }\n"), "a hash collision is not taken for the same run")
    }

    func testAPlantedLinkInPlaceOfTheExperimentFolderIsRefused() throws {
        let root = TemporaryDirectory(), outside = TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: root.path + "/results", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: root.path + "/results/mnist-dense", withDestinationPath: outside.path)
        XCTAssertThrowsError(try place(root).openLock()) { error in
            XCTAssertTrue("\(error)".hasSuffix("Too many levels of symbolic links; a symbolic link stands where the runner writes, and is not followed"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), [])
    }

    func testLatestPointsAtTheNewestRun() throws {
        let root = TemporaryDirectory()
        let run = place(root)
        _ = try run.openLock()
        try run.markLatest(run.experimentFolder + "/a")
        try run.markLatest(run.experimentFolder + "/b")
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: run.latestLink), "b")
    }

    func testLockIsExclusiveAndSeenFromOutside() throws {
        let root = TemporaryDirectory()
        let run = place(root)
        let a = try run.openLock(), b = try RunLock(path: run.lockPath)
        XCTAssertFalse(RunLock.isHeld(at: run.lockPath))
        XCTAssertTrue(a.tryLock())
        XCTAssertFalse(b.tryLock())
        XCTAssertTrue(RunLock.isHeld(at: run.lockPath))
        a.unlock()
        XCTAssertTrue(b.tryLock())
    }
}
