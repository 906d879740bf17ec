import Glibc

/// The one file a command writes where the user says (`predict --output`, `plot -o`, `report -o`): open it,
/// write bytes, commit. What the path names decides how, and nothing that is not a regular file is ever replaced:
///
/// - `-`: standard output.
/// - nothing yet, or a regular file: written atomically (`AtomicFile`: a temporary file beside it, then `rename(2)`),
///   so a reader never sees half of it and a failed write leaves the old file.
/// - a character device (`/dev/null`, a terminal) or a FIFO: written in place as a stream; a FIFO must have a
///   reader already (opening it would otherwise wait for one forever).
/// - a symbolic link: written through, by these same rules applied to what it points to (so `/dev/stdout` works
///   and a link to a file keeps being a link, to the new contents); a link to nothing is refused.
/// - a folder, a block device or a socket: refused, with the fix.
///
/// The run folder's own files are different: there a planted link is replaced, never followed (`AtomicFile`).
public struct OutputFile {
    /// How the bytes reach the destination.
    public enum Destination: Equatable, Sendable {
        case standardOutput
        /// A character device or a FIFO, open for writing.
        case stream(fd: Int32)
        /// A regular file (or none yet) at this path, replaced atomically on commit.
        case file(path: String)
    }

    /// The path as given (what messages name).
    public let path: String
    public let destination: Destination
    private var pending: [UInt8] = []

    /// Decides where `path` writes; `nameInFolder` (e.g. `predictions.csv`) makes the fix for a folder concrete.
    public static func open(_ path: String, nameInFolder: String? = nil) throws(OutputFileError) -> OutputFile {
        if path == "-" { return OutputFile(path: path, destination: .standardOutput) }
        func refuse(_ reason: String) -> OutputFileError { .refused(path: path, reason: reason) }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT else { throw .failed(.system(path, "write")) }
            return OutputFile(path: path, destination: .file(path: path))
        }
        var target = path
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                throw refuse("it is a symbolic link to '\(Self.linkTarget(path))', which does not exist; give the path of a file, "
                    + "or remove the link")
            }
            target = String(cString: resolved)
            free(resolved)
            guard stat(target, &info) == 0 else { throw .failed(.system(path, "write")) }
        }
        let through = target == path ? "" : " (through the link to '\(target)')"
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return OutputFile(path: path, destination: .file(path: target))
        case S_IFDIR:
            let example = nameInFolder.map { "'\(path.hasSuffix("/") ? path : path + "/")\($0)'" } ?? "a path inside it"
            throw refuse("it is a folder\(through); give a file path, such as \(example)")
        case S_IFCHR, S_IFIFO:
            let isFIFO = info.st_mode & S_IFMT == S_IFIFO
            // Non-blocking first: a FIFO without a reader fails with ENXIO instead of waiting for one forever.
            let fd = Glibc.open(target, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
            guard fd >= 0 else {
                if isFIFO && errno == ENXIO {
                    throw refuse("it is a FIFO\(through) with no reader; start its reader first (e.g. cat \(path) &), or write to a file")
                }
                throw .failed(.system(path, "write"))
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
            return OutputFile(path: path, destination: .stream(fd: fd))
        default:
            let kind = info.st_mode & S_IFMT == S_IFBLK ? "a block device" : "a socket"
            throw refuse("it is \(kind)\(through), which runner never writes to; give a file path, or - for standard output")
        }
    }

    /// Appends `bytes`: at once to a stream or standard output, on commit to a file.
    public mutating func write(_ bytes: [UInt8]) throws(OutputFileError) {
        switch destination {
        case .file: pending += bytes
        case .standardOutput:
            fflush(nil)  // what `print` buffered goes first
            do { try AtomicFile.writeAll(bytes, to: STDOUT_FILENO, path: path) } catch { throw .failed(error) }
        case .stream(let fd):
            do { try AtomicFile.writeAll(bytes, to: fd, path: path) } catch { throw .failed(error) }
        }
    }

    public mutating func write(_ text: String) throws(OutputFileError) { try write(Array(text.utf8)) }

    /// Ends the output: a file is replaced by what was written, a stream closed.
    public func commit() throws(OutputFileError) {
        switch destination {
        case .file(let target):
            do { try AtomicFile.write(pending, to: target) } catch { throw .failed(error) }
        case .standardOutput: break
        case .stream(let fd):
            guard close(fd) == 0 else { throw .failed(.system(path, "write")) }
        }
    }

    /// Opens `path`, writes `text` and commits: the whole output at once.
    public static func write(_ text: String, to path: String, nameInFolder: String? = nil) throws(OutputFileError) {
        var output = try open(path, nameInFolder: nameInFolder)
        try output.write(text)
        try output.commit()
    }

    private static func linkTarget(_ path: String) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlink(path, &buffer, buffer.count - 1)
        return n < 0 ? "?" : String(decoding: buffer[..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Why an output path cannot be written: a path the runner will not write over (status 2), or a write that failed.
public enum OutputFileError: Error, Sendable, CustomStringConvertible {
    /// A folder, a block device, a socket, a FIFO without a reader, a link to nothing: the user's to change.
    case refused(path: String, reason: String)
    /// The system refused a write (no space, no permission, ...): its reason and the fix.
    case failed(ResultsWriteError)

    public var description: String {
        switch self {
        case let .refused(path, reason): return "cannot write '\(path)': \(reason)"
        case .failed(let error): return error.description
        }
    }
}
