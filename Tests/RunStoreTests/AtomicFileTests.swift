import Foundation
@testable import RunStore
import TestSupport
import XCTest

final class AtomicFileTests: XCTestCase {
    func testReplacesTheFileAndLeavesNoTemporary() throws {
        let folder = TemporaryDirectory()
        let path = folder.write("metrics.json", "old")
        try AtomicFile.write("new", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "new")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["metrics.json"])
    }

    func testAPlantedSymbolicLinkIsReplacedNotWrittenThrough() throws {
        let folder = TemporaryDirectory(), outside = TemporaryDirectory()
        let target = outside.write("precious", "keep me")
        let path = folder.path + "/history.csv"
        try FileManager.default.createSymbolicLink(atPath: path, withDestinationPath: target)
        try AtomicFile.write("epoch\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "keep me")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "epoch\n")
        XCTAssertThrowsError(try FileManager.default.destinationOfSymbolicLink(atPath: path))
    }

    func testAMissingFolderIsAClearError() {
        XCTAssertThrowsError(try AtomicFile.write("x", to: "/nonexistent-runner-folder/run.json")) { error in
            XCTAssertEqual("\(error)", "cannot write '/nonexistent-runner-folder/run.json': No such file or directory")
        }
    }

    func testTemporaryFileIsHiddenBesideTheDestination() {
        XCTAssertEqual(AtomicFile.temporaryPath(for: "a/b/run.json"), "a/b/.run.json.tmp-\(getpid())")
    }
}
