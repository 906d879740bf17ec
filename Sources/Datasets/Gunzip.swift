import CZlib

/// gzip decompression through zlib, straight into one preallocated buffer.
///
/// A file is gzip when it starts with the magic bytes 1f 8b (RFC 1952), whatever its name: plain and gzipped
/// IDX files load alike. zlib checks each member's CRC-32 and length; concatenated members (as `cat a.gz b.gz`
/// or pigz make) are decompressed one after the other, as `gzip -d` does; other bytes after a member are refused.
public enum Gunzip {
    /// Whether `bytes` start with the gzip magic number 1f 8b.
    public static func isGzip(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x1F, 0x8B])
    }

    /// The decompressed contents of a gzip file. `path` names the file in errors.
    ///
    /// With `limit`, stops once that many bytes are out (the shape query reads only IDX headers) and returns
    /// at most `limit` bytes; a stream that runs out of input before then counts as truncated.
    public static func decompress(_ compressed: [UInt8], path: String, limit: Int? = nil) throws(DatasetError) -> [UInt8] {
        var stream = z_stream()
        let initStatus = inflateInit2_(&stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else { throw .corruptGzip(path: path, reason: "zlib could not start: status \(initStatus)") }
        defer { inflateEnd(&stream) }

        var capacity = limit ?? sizeHint(compressed)
        var output: [UInt8] = []
        var produced = 0
        var outcome = Outcome.needsOutput
        compressed.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress)
            var consumed = 0
            while outcome == .needsOutput {
                // Output beyond the hint only happens when ISIZE lied (several members, or over 4 GiB): grow by
                // doubling and copy what is already out, a cost the common case never pays.
                let previous = output
                output = [UInt8](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, initialized in
                    previous.withUnsafeBufferPointer { old in
                        if produced > 0 { buffer.baseAddress!.update(from: old.baseAddress!, count: produced) }
                    }
                    outcome = inflateAll(&stream, input: input, consumed: &consumed, into: buffer, produced: &produced)
                    initialized = produced
                }
                if outcome == .needsOutput {
                    if let limit, produced >= limit { outcome = .finished; break }
                    capacity = max(capacity * 2, 1 << 16)
                }
            }
        }
        switch outcome {
        case .finished, .needsOutput: return output
        case .truncated: throw .truncatedGzip(path: path)
        case .corrupt(let reason): throw .corruptGzip(path: path, reason: reason)
        }
    }

    private enum Outcome: Equatable {
        case needsOutput, finished, truncated, corrupt(String)
    }

    /// Runs inflate until the input is done, the output buffer is full, or the data is bad.
    /// Lengths go to zlib in chunks of at most 1 GiB because its counters are 32-bit.
    private static func inflateAll(
        _ stream: inout z_stream, input: UnsafeBufferPointer<UInt8>, consumed: inout Int,
        into buffer: UnsafeMutableBufferPointer<UInt8>, produced: inout Int
    ) -> Outcome {
        let chunk = 1 << 30
        while true {
            if stream.avail_in == 0 {
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + consumed })
                stream.avail_in = UInt32(min(input.count - consumed, chunk))
            }
            if produced == buffer.count { return .needsOutput }
            stream.next_out = buffer.baseAddress! + produced
            stream.avail_out = UInt32(min(buffer.count - produced, chunk))
            let availIn = Int(stream.avail_in), availOut = Int(stream.avail_out)
            let status = inflate(&stream, Z_NO_FLUSH)
            consumed += availIn - Int(stream.avail_in)
            produced += availOut - Int(stream.avail_out)
            switch status {
            case Z_STREAM_END:
                let rest = input.count - consumed
                if rest == 0 { return .finished }
                guard isGzip(UnsafeBufferPointer(rebasing: input[consumed...])) else {
                    return .corrupt("\(rest) unexpected bytes after the end of the gzip stream")
                }
                inflateReset(&stream)
            case Z_OK:
                break
            case Z_BUF_ERROR:
                // No progress was possible: with output room left, the input ended mid-stream.
                if consumed == input.count { return .truncated }
                if produced == buffer.count { return .needsOutput }
                return .corrupt("zlib made no progress")
            case Z_NEED_DICT:
                return .corrupt("the stream needs a preset dictionary")
            case Z_MEM_ERROR:
                return .corrupt("out of memory")
            default:
                let message = stream.msg.map { String(cString: $0) } ?? "status \(status)"
                return .corrupt(message)
            }
            if consumed == input.count, stream.avail_in == 0, produced < buffer.count {
                // Input exhausted without Z_STREAM_END: one more call would return Z_BUF_ERROR.
                return .truncated
            }
        }
    }

    /// The uncompressed size the gzip trailer records (ISIZE: the last 4 bytes, little-endian, modulo 2^32),
    /// capped by deflate's best ratio (about 1032:1) so a damaged trailer cannot ask for gigabytes.
    static func sizeHint(_ compressed: [UInt8]) -> Int {
        guard compressed.count >= 18 else { return 1 << 16 }
        let isize = compressed.suffix(4).reversed().reduce(0) { $0 << 8 | Int($1) }
        return min(isize, compressed.count * 1032 + (1 << 16))
    }
}
