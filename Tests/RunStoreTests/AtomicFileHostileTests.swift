import Foundation
@testable import RunStore
import TestSupport
import XCTest

/// What a killed process or a hostile user may leave where `AtomicFile` writes its temporary file.
final class AtomicFileHostileTests: XCTestCase {
    func testAStaleTemporaryFileOfAKilledProcessWithThisPidDoesNotFailTheWrite() throws {
        let folder = TemporaryDirectory()
        let path = folder.path + "/run.json"
        folder.write(".run.json.tmp-\(getpid())", "half a file from a process killed mid-write")
        try AtomicFile.write("{}\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "{}\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["run.json"])
    }

    func testALinkPlantedAsTheTemporaryFileIsRemovedNotFollowed() throws {
        let folder = TemporaryDirectory(), outside = TemporaryDirectory()
        let target = outside.write("precious", "keep me")
        let dangling = outside.path + "/made"
        try FileManager.default.createSymbolicLink(atPath: AtomicFile.temporaryPath(for: folder.path + "/history.csv"), withDestinationPath: target)
        try FileManager.default.createSymbolicLink(atPath: AtomicFile.temporaryPath(for: folder.path + "/run.json"), withDestinationPath: dangling)
        try AtomicFile.write("epoch\n", to: folder.path + "/history.csv")
        try AtomicFile.write("{}\n", to: folder.path + "/run.json")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep me")
        XCTAssertFalse(FileManager.default.fileExists(atPath: dangling))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["history.csv", "run.json"])
    }

    func testALinkPlantedAsTheLockFileIsRefused() throws {
        let folder = TemporaryDirectory(), outside = TemporaryDirectory()
        let lock = folder.path + "/.abc.lock"
        try FileManager.default.createSymbolicLink(atPath: lock, withDestinationPath: outside.path + "/made")
        XCTAssertThrowsError(try RunLock(path: lock)) { error in
            XCTAssertEqual("\(error)", "cannot create the lock file '\(lock)': Too many levels of symbolic links; "
                + "a symbolic link stands where the runner writes, and is not followed")
        }
        XCTAssertFalse(RunLock.isHeld(at: lock))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), [])
    }

    func testAFileSizeLimitAndAFullDiskNameTheFixAndTheFile() {
        XCTAssertEqual(ResultsWriteError.system("r/run.json", "write", errno: EFBIG).description,
                       "cannot write 'r/run.json': File too large; a file-size limit is in force (ulimit -f); raise it and run again (earlier runs are untouched)")
        XCTAssertEqual(ResultsWriteError.system("r/run.json", "write", errno: ENOSPC).description,
                       "cannot write 'r/run.json': No space left on device; free some space (earlier runs are untouched) and run again")
    }
}
