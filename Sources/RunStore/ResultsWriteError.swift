import Glibc

/// A results file or folder that could not be written: the path, the operating system's reason, what to do.
public struct ResultsWriteError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    /// From the C library's `errno` after a failed call, with a hint for the usual causes.
    static func system(_ path: String, _ action: String, errno code: Int32 = errno) -> ResultsWriteError {
        var reason = "cannot \(action) '\(path)': \(String(cString: strerror(code)))"
        switch code {
        case EACCES, EPERM, EROFS, ENOTDIR:
            reason += "; choose a writable results folder with --results DIR"
        case ENOSPC, EDQUOT:
            reason += "; free some space (earlier runs are untouched) and run again"
        case EFBIG:
            reason += "; a file-size limit is in force (ulimit -f); raise it and run again (earlier runs are untouched)"
        case ELOOP:
            reason += "; a symbolic link stands where the runner writes, and is not followed"
        default: break
        }
        return ResultsWriteError(path: path, reason: reason)
    }

    public var description: String { reason }
}
