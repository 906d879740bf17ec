import Foundation
import TestSupport
import XCTest

/// Arguments that are not UTF-8 (a file named with byte 0xFF): refused with the argument and the fix, never mangled
/// into another name (Swift's CommandLine.arguments repairs them to U+FFFD, so an existing file "did not exist" and
/// `--results` wrote into another folder).
final class NonUTF8ArgumentTests: XCTestCase {
    /// Runs `runner ARGS` through the shell, which passes printf's bytes as they are (Foundation's Process takes Strings).
    func runRaw(_ shellArguments: String, in folder: URL) throws -> (status: Int32, stdout: String, stderr: String) {
        let runner = try XCTUnwrap(RunnerProcess.executable()).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" \(shellArguments)", runner]
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testAnExistingFileNamedWithByteFFIsRefusedNamingTheArgumentNotReportedMissing() throws {
        let tiny = TinyExperiment(epochs: 1)
        XCTAssertEqual(try Shell.run(["/bin/sh", "-c", "cp tiny.yaml \"$(printf 'x\\377.yaml')\""], in: tiny.folder.url).status, 0)
        let r = try runRaw("check \"$(printf 'x\\377.yaml')\"", in: tiny.folder.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertEqual(r.stderr, "error: argument 2 ('x\\xFF.yaml') is not valid UTF-8 (byte 0xFF at offset 1); runner takes file names and "
            + "values as UTF-8 text, so give the file a UTF-8 name (rename it, or link it: ln -s OLD NEW) and pass that name\n")
    }

    /// Once, `--results r\xFF` wrote into `r\u{FFFD}` (bytes EF BF BD): nothing may be written at all.
    func testAResultsFolderNamedWithByteFFIsRefusedAndNothingIsWritten() throws {
        let tiny = TinyExperiment(epochs: 1)
        let before = try FileManager.default.contentsOfDirectory(atPath: tiny.folder.path).sorted()
        let r = try runRaw("tiny.yaml -q --results \"$(printf 'caf\\303\\251-\\377\\376')\"", in: tiny.folder.url)
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stderr, "error: argument 4 ('café-\\xFF\\xFE') is not valid UTF-8 (byte 0xFF at offset 6); runner takes file names "
            + "and values as UTF-8 text, so give the file a UTF-8 name (rename it, or link it: ln -s OLD NEW) and pass that name\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tiny.folder.path).sorted(), before)
        // Valid UTF-8 beyond ASCII is a name like any other.
        let accented = try runRaw("tiny.yaml -q --results \"$(printf 'caf\\303\\251')\"", in: tiny.folder.url)
        XCTAssertEqual(accented.status, 0, accented.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tiny.folder.path + "/café/tiny/latest"))
    }
}
