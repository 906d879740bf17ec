#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CSV dialect (`CSVTable`'s: comma-separated, LF or CRLF line ends, an optional UTF-8 byte-order mark,
/// fields optionally in double quotes with `""` for a quote, no quoted line ends, blank lines skipped) read as bytes,
/// one line at a time, from a file streamed in 1 MiB chunks: a 50 MB file never sits in memory whole, nor as
/// strings. A gzip file is decompressed whole first (its data is small next to the floats it becomes).
///
/// Columns in messages count characters, as an editor does; they are worked out only for a message.
struct CSVReader {
    /// Where one field lies in its line: the bytes between the commas, or between the quotes of a quoted field
    /// (where `""` still stands for one quote).
    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
    }

    static let chunkSize = 1 << 20

    /// Calls `body` with every non-blank line of the file at `resolved` (named `path` in errors), in order; a line
    /// whose quotes do not close, or with text after a closing quote, is a syntax error at its place.
    static func forEachLine(path: String, resolved: String, _ body: (Line) throws(DatasetError) -> Void) throws(DatasetError) {
        let descriptor = open(resolved, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .unreadableFile(path: path, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var lineNumber = 1, first = true, atEnd = false
        var fields: [Field] = []
        while !atEnd {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, chunkSize) }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadableFile(path: path, reason: String(cString: strerror(errno)))
            }
            if first, Gunzip.isGzip(chunk[..<max(n, 0)]) {
                // A gzip file: decompressed whole (DatasetFile's way), then split as a plain one.
                buffer = try DatasetFile.contents(of: resolved)
                atEnd = true
            } else if n == 0 {
                atEnd = true
            } else {
                buffer += chunk[..<n]
            }
            if first, buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
            if atEnd, buffer.last != UInt8(ascii: "\n"), !buffer.isEmpty { buffer.append(UInt8(ascii: "\n")) }
            first = false
            let consumed = try buffer.withUnsafeBufferPointer { all throws(DatasetError) -> Int in
                try completeLines(all, lineNumber: &lineNumber, path: path, fields: &fields, body)
            }
            buffer.removeFirst(consumed)
        }
    }

    /// Every non-blank line of `bytes`, a whole file already in memory (BOM, line ends and gzip as for a file).
    static func forEachLine(bytes: [UInt8], path: String, _ body: (Line) throws(DatasetError) -> Void) throws(DatasetError) {
        var buffer = Gunzip.isGzip(bytes) ? try Gunzip.decompress(bytes, path: path) : bytes
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { buffer.removeFirst(3) }
        if buffer.last != UInt8(ascii: "\n"), !buffer.isEmpty { buffer.append(UInt8(ascii: "\n")) }
        var lineNumber = 1
        var fields: [Field] = []
        _ = try buffer.withUnsafeBufferPointer { all throws(DatasetError) -> Int in
            try completeLines(all, lineNumber: &lineNumber, path: path, fields: &fields, body)
        }
    }

    /// The lines of `all` that end with a line end, each non-blank one split and given to `body`; returns the bytes
    /// used (what follows is the start of a line the next chunk completes).
    private static func completeLines(_ all: UnsafeBufferPointer<UInt8>, lineNumber: inout Int, path: String, fields: inout [Field],
                                      _ body: (Line) throws(DatasetError) -> Void) throws(DatasetError) -> Int {
        var start = 0
        while let newline = find(UInt8(ascii: "\n"), in: all, from: start) {
            var end = newline
            if end > start, all[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            let bytes = UnsafeBufferPointer(rebasing: all[start..<end])
            if bytes.contains(where: { $0 != 0x20 && $0 != 0x09 }) {
                try split(bytes, number: lineNumber, path: path, into: &fields)
                try body(Line(number: lineNumber, bytes: bytes, fields: fields))
            }
            lineNumber += 1
            start = newline + 1
        }
        return start
    }

    /// The fields of one line, split on commas outside double quotes.
    static func split(_ line: UnsafeBufferPointer<UInt8>, number: Int, path: String, into fields: inout [Field]) throws(DatasetError) {
        fields.removeAll(keepingCapacity: true)
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ",")
        var index = 0
        while true {
            if index < line.count, line[index] == quote {
                let open = index
                var cursor = index + 1
                var closed = false
                while cursor < line.count {
                    if line[cursor] == quote {
                        if cursor + 1 < line.count, line[cursor + 1] == quote { cursor += 2; continue }
                        closed = true
                        break
                    }
                    cursor += 1
                }
                let place = Line(number: number, bytes: line, fields: [])
                guard closed else {
                    throw .csv(.syntax(path: path, line: number, column: place.column(of: open),
                                       message: "a quoted field does not end on its line; quoted fields may not span lines"))
                }
                guard cursor + 1 == line.count || line[cursor + 1] == comma else {
                    throw .csv(.syntax(path: path, line: number, column: place.column(of: cursor + 1),
                                       message: "unexpected text after a closing quote; a field is either quoted whole or not at all"))
                }
                fields.append(Field(start: open + 1, end: cursor, quoted: true))
                index = cursor + 1
            } else {
                let end = find(comma, in: line, from: index) ?? line.count
                fields.append(Field(start: index, end: end, quoted: false))
                index = end
            }
            guard index < line.count else { return }
            index += 1  // the comma
        }
    }

    /// The offset of the first `byte` in `buffer` at or after `start` (memchr), or nil.
    static func find(_ byte: UInt8, in buffer: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard start < buffer.count, let base = buffer.baseAddress,
              let found = memchr(base + start, Int32(byte), buffer.count - start) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }

    /// Line ends in the file: an upper bound on its rows, so the floats are allocated once, at their size.
    static func lineEnds(resolved: String) -> Int {
        let descriptor = open(resolved, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var count = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress!, chunkSize) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return count + 1 }
            count += chunk[..<n].reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
        }
    }
}
