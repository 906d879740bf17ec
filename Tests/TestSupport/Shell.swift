import Foundation

/// Runs a system tool (python3, diff, rsvg-convert, ...) and captures what it prints.
public enum Shell {
    public struct Result {
        public var status: Int32
        public var output: String
        public var error: String
    }

    /// `arguments[0]` is looked up on PATH; stdin is empty.
    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let scratch = TemporaryDirectory("runner-shell")
        // Files rather than pipes: a pipe that fills up while the other is read would block the tool.
        let out = URL(fileURLWithPath: scratch.write("stdout", "")), err = URL(fileURLWithPath: scratch.write("stderr", ""))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, output: String(decoding: try Data(contentsOf: out), as: UTF8.self),
                      error: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }
}
