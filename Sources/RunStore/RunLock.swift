import Glibc

/// An exclusive `flock(2)` on a run's lock file, so two processes never train the same run at once.
///
/// The kernel drops the lock when its process dies, however it dies, so a stale lock cannot block a rerun,
/// and "recorded as running but nobody holds the lock" is how a crashed run is recognised.
public final class RunLock {
    public let path: String
    private let fd: Int32

    /// Opens (creating if needed) the lock file without taking the lock.
    public init(path: String) throws(ResultsWriteError) {
        self.path = path
        fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .system(path, "create the lock file") }
    }

    deinit { close(fd) }

    /// Takes the lock if nobody holds it; false when another process does.
    public func tryLock() -> Bool {
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            if errno != EINTR { return false }
        }
        return true
    }

    /// Waits for the lock (another process training the same run keeps it until it ends).
    public func lock() throws(ResultsWriteError) {
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { throw .system(path, "lock") }
        }
    }

    public func unlock() { flock(fd, LOCK_UN) }

    /// Whether some live process holds the lock at `path` (false when the file does not exist).
    public static func isHeld(at path: String) -> Bool {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return false
        }
        return errno == EWOULDBLOCK
    }
}
