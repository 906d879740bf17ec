#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension CSVReader {
    /// One non-blank line: its 1-based number, its bytes (without the line end; a byte that is not part of a
    /// number, the line end, follows them in memory) and its fields.
    struct Line {
        var number: Int
        var bytes: UnsafeBufferPointer<UInt8>
        var fields: [Field]

        /// The 1-based column (in characters) of byte `offset`.
        func column(of offset: Int) -> Int {
            let prefix = UnsafeBufferPointer(rebasing: bytes[..<offset])
            if !prefix.contains(where: { $0 >= 0x80 }) { return offset + 1 }
            return String(decoding: prefix, as: UTF8.self).count + 1
        }

        /// Field `i`'s text, unquoted, as written (spaces kept).
        func text(_ i: Int) -> [UInt8] {
            let field = fields[i]
            let raw = Array(bytes[field.start..<field.end])
            guard field.quoted else { return raw }
            var text: [UInt8] = []
            var k = 0
            while k < raw.count {
                text.append(raw[k])
                k += raw[k] == UInt8(ascii: "\"") ? 2 : 1
            }
            return text
        }

        /// Field `i`'s text without leading and trailing spaces and tabs.
        func trimmed(_ i: Int) -> ArraySlice<UInt8> {
            let text = self.text(i)
            let isSpace = { (b: UInt8) in b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") }
            guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) }) else { return [] }
            return text[first...last]
        }

        /// Field `i` as a float32 when it is one finite number (spaces and tabs around it allowed), as `Float(String)`
        /// reads it (strtof, the whole text consumed; the runner never calls setlocale, so the decimal point is
        /// C's '.'); nil otherwise.
        func float(_ i: Int) -> Float? {
            let field = fields[i]
            var start = field.start, end = field.end
            if !field.quoted {
                while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
                while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
                // strtof would skip other white space (\r, \v, \f) that Float(String) refuses.
                guard start < end, isspace(Int32(bytes[start])) == 0 else { return nil }
                var stop: UnsafeMutablePointer<CChar>?
                let base = UnsafeMutableRawPointer(mutating: bytes.baseAddress!).assumingMemoryBound(to: CChar.self)
                let value = strtof(base + start, &stop)
                guard stop == base + end, value.isFinite else { return nil }
                return value
            }
            var text = Array(trimmed(i))
            guard let first = text.first, isspace(Int32(first)) == 0 else { return nil }
            text.append(0)
            return text.withUnsafeBufferPointer { buffer -> Float? in
                var stop: UnsafeMutablePointer<CChar>?
                let base = UnsafeMutableRawPointer(mutating: buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
                let value = strtof(base, &stop)
                return stop == base + buffer.count - 1 && value.isFinite ? value : nil
            }
        }
    }
}
