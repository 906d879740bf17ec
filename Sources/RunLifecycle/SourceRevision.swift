import Foundation
import RunStore

extension SourceRevision {
    /// Longest a `git` call may take; past it the revision is left out rather than holding up the run.
    static let timeout: TimeInterval = 2

    /// The commit of the git repository holding `file`, and whether its tree has changes (`git status
    /// --porcelain` prints anything); nil when the folder is in no repository, git is missing or too slow.
    public static func of(file: String) -> SourceRevision? {
        let folder = (file as NSString).deletingLastPathComponent
        let directory = folder.isEmpty ? "." : folder
        guard let head = git(["-C", directory, "rev-parse", "HEAD"])?.trimmingCharacters(in: .whitespacesAndNewlines),
              head.count == 40 || head.count == 64, head.allSatisfy(\.isHexDigit),
              let status = git(["-C", directory, "status", "--porcelain"]) else { return nil }
        return SourceRevision(commit: head, dirty: !status.isEmpty)
    }

    /// `git ARGUMENTS`'s standard output when it exits with status 0 within `timeout`; nil otherwise.
    /// Output goes to a temporary file, so a long `status` never blocks on a full pipe.
    private static func git(_ arguments: [String]) -> String? {
        var template = Array((NSTemporaryDirectory() + "/runner-git-XXXXXX").utf8CString)
        let fd = mkstemp(&template)
        guard fd >= 0 else { return nil }
        let path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { close(fd); unlink(path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + arguments
        // No index refresh: reading the state must not write into the user's repository.
        process.environment = ProcessInfo.processInfo.environment.merging(["GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"]) { $1 }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle(fileDescriptor: fd, closeOnDealloc: false)
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning {
            if Date() > deadline {
                process.terminate()
                process.waitUntilExit()
                return nil
            }
            usleep(5_000)
        }
        guard process.terminationStatus == 0, let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
