import Foundation

/// One child `runner` process, its output kept for the failure message in a temporary file that is unlinked
/// as soon as it is open: the kernel frees it when the last descriptor closes, however the sweep ends.
final class ChildRun {
    let process = Process()
    private var log: Int32
    private let start = ContinuousClock.now

    init(program: String, arguments: [String], threads: Int, onExit: @escaping @Sendable () -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("runner-sweep-\(UUID().uuidString).log").path
        log = open(path, O_RDWR | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o600)
        guard log >= 0 else { throw SweepLogError(path: path, reason: String(cString: strerror(errno))) }
        unlink(path)
        var environment = ProcessInfo.processInfo.environment
        environment["OPENBLAS_NUM_THREADS"] = String(threads)
        environment[SweepChild.environment.key] = SweepChild.environment.value
        let output = FileHandle(fileDescriptor: log, closeOnDealloc: false)
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        process.terminationHandler = { _ in onExit() }
        do { try process.run() } catch {
            discard()
            throw error
        }
    }

    deinit { discard() }

    /// The child's last line of output: with --quiet, its error message.
    var reason: String {
        var bytes: [UInt8] = [], chunk = [UInt8](repeating: 0, count: 65536)
        while log >= 0 {
            let n = chunk.withUnsafeMutableBytes { pread(log, $0.baseAddress, $0.count, off_t(bytes.count)) }
            if n <= 0 { break }
            bytes += chunk[..<n]
        }
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "no output"
    }

    /// Seconds since the child started.
    var seconds: Double { start.secondsSince }

    func discard() {
        if log >= 0 { close(log) }
        log = -1
    }
}

/// The temporary file for a child's output could not be made.
struct SweepLogError: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "cannot create '\(path)' for its output: \(reason)" }
}
