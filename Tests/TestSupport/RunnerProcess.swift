import Foundation

/// Runs the built `runner` executable and captures its stdout, stderr and exit status separately.
public struct RunnerProcess {
    public struct Result {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The package's root folder (this file is Tests/TestSupport/RunnerProcess.swift).
    public static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `runner` binary next to the test bundle (`.build/<triple>/<config>/`), or `$RUNNER_BINARY`.
    public static func executable() -> URL? {
        if let path = ProcessInfo.processInfo.environment["RUNNER_BINARY"] { return URL(fileURLWithPath: path) }
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        folders.append(Bundle.main.bundleURL.deletingLastPathComponent())
        folders.append(Bundle.main.bundleURL)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        folders.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent())
        return folders.map { $0.appendingPathComponent("runner") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// Runs `runner arguments...` in `directory` (the package root by default) and waits for it.
    public static func run(_ arguments: [String], in directory: URL = packageRoot,
                           environment: [String: String] = [:]) throws -> Result {
        try start(arguments, in: directory, environment: environment).wait()
    }

    /// Starts `runner arguments...` without waiting, with `environment` added to the test's own.
    public static func start(_ arguments: [String], in directory: URL = packageRoot,
                             environment: [String: String] = [:]) throws -> Running {
        guard let executable = executable() else {
            throw NSError(domain: "RunnerProcess", code: 1,
                          userInfo: [NSLocalizedDescriptionKey: "runner binary not found next to the test bundle; run swift build first"])
        }
        // Files rather than pipes: a pipe that fills up while the other is read would block the child.
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("runner-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let out = scratch.appendingPathComponent("stdout"), err = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        return Running(process: process, scratch: scratch)
    }

    /// A started `runner`; `wait()` collects its result.
    public struct Running {
        public let process: Process
        let scratch: URL

        public func wait() throws -> Result {
            process.waitUntilExit()
            defer { try? FileManager.default.removeItem(at: scratch) }
            return Result(status: process.terminationStatus,
                          stdout: String(decoding: try Data(contentsOf: scratch.appendingPathComponent("stdout")), as: UTF8.self),
                          stderr: String(decoding: try Data(contentsOf: scratch.appendingPathComponent("stderr")), as: UTF8.self))
        }
    }
}
