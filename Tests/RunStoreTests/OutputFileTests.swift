import Foundation
import Glibc
import RunStore
import TestSupport
import XCTest

/// `OutputFile`: what an output path names decides how it is written, and nothing but a regular file is replaced.
final class OutputFileTests: XCTestCase {
    func kind(_ path: String) -> mode_t {
        var info = stat()
        XCTAssertEqual(lstat(path, &info), 0, path)
        return info.st_mode & S_IFMT
    }

    func testANewOrRegularFileIsReplacedAtomically() throws {
        let folder = TemporaryDirectory()
        let path = folder.path + "/out.csv"
        try OutputFile.write("a\n", to: path)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a\n")
        var output = try OutputFile.open(path)
        XCTAssertEqual(output.destination, .file(path: path))
        try output.write("b,")
        try output.write("c\n")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "a\n", "nothing changes before the commit")
        try output.commit()
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "b,c\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["out.csv"], "no temporary file is left")
    }

    /// As root, /dev/null replaced by a regular file would break the machine: it is written as a stream and stays a device.
    func testDevNullStaysACharacterDevice() throws {
        let output = try OutputFile.open("/dev/null")
        guard case .stream = output.destination else { return XCTFail("\(output.destination)") }
        try OutputFile.write(String(repeating: "x", count: 100_000), to: "/dev/null")
        XCTAssertEqual(kind("/dev/null"), S_IFCHR)
    }

    func testAFIFOWithAReaderIsWrittenAsAStreamAndOneWithoutIsRefusedNotWaitedOn() throws {
        let folder = TemporaryDirectory()
        let fifo = folder.path + "/pipe"
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        XCTAssertThrowsError(try OutputFile.open(fifo)) { error in
            XCTAssertEqual("\(error)", "cannot write '\(fifo)': it is a FIFO with no reader; start its reader first (e.g. cat \(fifo) &), or write to a file")
        }
        let reader = Process()
        reader.executableURL = URL(fileURLWithPath: "/bin/sh")
        reader.arguments = ["-c", "cat \"$0\" > \"$1\"", fifo, folder.path + "/received"]
        try reader.run()
        // The reader opens the FIFO when its shell gets there: try until it has (a refusal says it has not yet).
        var output: OutputFile?
        for _ in 0..<500 where output == nil {
            output = try? OutputFile.open(fifo)
            if output == nil { usleep(10_000) }
        }
        var opened = try XCTUnwrap(output, "the reader never opened the FIFO")
        try opened.write("streamed\n")
        try opened.commit()
        reader.waitUntilExit()
        XCTAssertEqual(try String(contentsOfFile: folder.path + "/received", encoding: .utf8), "streamed\n")
        XCTAssertEqual(kind(fifo), S_IFIFO)
    }

    /// Written through: the link stays a link and its target gets the bytes; a link to nothing is refused.
    func testASymbolicLinkIsWrittenThroughAndStaysALink() throws {
        let folder = TemporaryDirectory()
        let target = folder.write("target.svg", "old")
        let link = folder.path + "/link.svg"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "target.svg")
        try OutputFile.write("new", to: link)
        XCTAssertEqual(kind(link), S_IFLNK)
        XCTAssertEqual(try FileManager.default.destinationOfSymbolicLink(atPath: link), "target.svg")
        XCTAssertEqual(try String(contentsOfFile: target, encoding: .utf8), "new")
        let dangling = folder.path + "/dangling.svg"
        try FileManager.default.createSymbolicLink(atPath: dangling, withDestinationPath: "missing/x.svg")
        XCTAssertThrowsError(try OutputFile.open(dangling)) { error in
            XCTAssertEqual("\(error)", "cannot write '\(dangling)': it is a symbolic link to 'missing/x.svg', which does not exist; "
                + "give the path of a file, or remove the link")
        }
        XCTAssertEqual(kind(dangling), S_IFLNK)
    }

    func testAFolderIsRefusedWithAPathInsideIt() throws {
        let folder = TemporaryDirectory()
        let inside = folder.write("results/kept.txt", "kept")
        let results = folder.path + "/results"
        XCTAssertThrowsError(try OutputFile.open(results, nameInFolder: "predictions.csv")) { error in
            guard case .refused = error as? OutputFileError else { return XCTFail("\(error)") }
            XCTAssertEqual("\(error)", "cannot write '\(results)': it is a folder; give a file path, such as '\(results)/predictions.csv'")
        }
        try FileManager.default.createSymbolicLink(atPath: folder.path + "/to-results", withDestinationPath: "results")
        XCTAssertThrowsError(try OutputFile.open(folder.path + "/to-results")) { error in
            XCTAssertEqual("\(error)", "cannot write '\(folder.path)/to-results': it is a folder (through the link to '\(results)'); "
                + "give a file path, such as a path inside it")
        }
        XCTAssertEqual(kind(results), S_IFDIR)
        XCTAssertEqual(try String(contentsOfFile: inside, encoding: .utf8), "kept")
    }

    func testADashIsStandardOutput() throws {
        XCTAssertEqual(try OutputFile.open("-").destination, .standardOutput)
    }
}
