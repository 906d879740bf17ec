#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading one dataset file from disk, decompressed when it is gzip (decided by its magic bytes, not its name).
enum DatasetFile {
    /// The whole file, decompressed if it is gzip.
    static func contents(of path: String) throws(DatasetError) -> [UInt8] {
        let raw = try read(path)
        return Gunzip.isGzip(raw) ? try Gunzip.decompress(raw, path: path) : raw
    }

    /// The first `count` bytes of the decompressed file (fewer if it is shorter), reading as little as it can.
    static func prefix(of path: String, count: Int) throws(DatasetError) -> [UInt8] {
        // 64 KiB of deflate input holds the first block's tables and far more than a header's worth of output.
        let probe = 1 << 16
        let raw = try read(path, maxBytes: probe)
        guard Gunzip.isGzip(raw) else { return Array(raw.prefix(count)) }
        do {
            return try Gunzip.decompress(raw, path: path, limit: count)
        } catch .truncatedGzip where raw.count == probe {
            return try Gunzip.decompress(read(path), path: path, limit: count)
        }
    }

    /// The raw bytes of `path` (at most `maxBytes`), with errno's reason when it cannot be read.
    static func read(_ path: String, maxBytes: Int = .max) throws(DatasetError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw .unreadableFile(path: path, reason: errorText()) }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { throw .unreadableFile(path: path, reason: errorText()) }
        guard status.st_mode & S_IFMT == S_IFREG else {
            throw .unreadableFile(path: path, reason: "not a regular file")
        }
        let size = min(Int(status.st_size), maxBytes)
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buffer, initialized in
            while initialized < size {
                let count = systemRead(descriptor, buffer.baseAddress! + initialized, size - initialized)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = errorText()
                    return
                }
                if count == 0 { break }  // the file shrank while we read it: keep what is there
                initialized += count
            }
        }
        if let failure { throw .unreadableFile(path: path, reason: failure) }
        return bytes
    }

    private static func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.read(descriptor, buffer, count)
        #else
        Darwin.read(descriptor, buffer, count)
        #endif
    }

    private static func errorText() -> String {
        String(cString: strerror(errno))
    }
}
