import Glibc

/// Whole-file writes that readers never see half done: a temporary file in the same folder, flushed to
/// disk, then renamed over the destination.
///
/// `rename(2)` replaces a symbolic link standing at the destination instead of writing through it, and the
/// temporary file is created with `O_EXCL | O_NOFOLLOW`, so no write ever leaves the folder it was meant for.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(ResultsWriteError) {
        try write(Array(text.utf8), to: path)
    }

    /// `beforeRename` runs once the temporary file is whole on disk, just before it replaces `path` (a
    /// fault test's kill there is a crash in the middle of the write).
    public static func write(_ bytes: [UInt8], to path: String, beforeRename: (() -> Void)? = nil) throws(ResultsWriteError) {
        let temporary = temporaryPath(for: path)
        // A leftover of a killed process that had this pid would make O_EXCL fail; removing it (a link
        // itself, never its target) is safe because no other live process writes this name.
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(path, "write") }
        do throws(ResultsWriteError) {
            try writeAll(bytes, to: fd, path: path)
            // Flushed before the rename, so a crash leaves the old file or the new one, never a torn one.
            guard fsync(fd) == 0 else { throw .system(path, "write") }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            let failure = ResultsWriteError.system(path, "write")
            unlink(temporary)
            throw failure
        }
        beforeRename?()
        guard rename(temporary, path) == 0 else {
            let code = errno
            unlink(temporary)
            throw .system(path, "write", errno: code)
        }
    }

    /// Whether `name` (a file name, no folder) is one of `temporaryPath`'s: `.NAME.tmp-PID`.
    static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let dash = name.lastIndex(of: "-"), name[..<dash].hasSuffix(".tmp") else { return false }
        let pid = name[name.index(after: dash)...]
        return !pid.isEmpty && pid.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// `.history.csv.tmp-PID` beside the file: hidden, and unique per process so two writers never share one.
    static func temporaryPath(for path: String) -> String {
        let slash = path.lastIndex(of: "/").map { path.index(after: $0) } ?? path.startIndex
        return String(path[..<slash]) + "." + String(path[slash...]) + ".tmp-\(getpid())"
    }

    static func writeAll(_ bytes: [UInt8], to fd: Int32, path: String) throws(ResultsWriteError) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .system(path, "write")
            }
            offset += n
        }
    }
}
