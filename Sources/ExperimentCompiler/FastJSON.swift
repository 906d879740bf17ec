import Foundation

/// The strict JSON reader `JSONValue(parsing:)` tries first, straight into `JSONValue`.
///
/// Why by hand, next to Foundation: swift-corelibs-foundation's `JSONSerialization` reads numbers up to a few
/// units in the last place off (`0.30000000000000004` as `0.3000000000000001`, `2.5530841797590256` as
/// `2.5530841797590265`), while every file the runner writes holds shortest round-trip doubles that must read
/// back to the very double they came from (docs/results.md promises it; compare and the statistics depend
/// on it); `JSONDecoder` rounds correctly but cannot tell `255.0` from `255`. This reader types values as
/// the runner writes them (integers `.int`, above `Int.max` `.uint`, a number with a fraction or an exponent
/// `.double`), reads every number with Swift's `Double(String)`, and is several times faster than
/// bridging Foundation's objects (`runner compare` of 1,000 folders reads 4,000 files). It returns nil for
/// anything it does not accept (RFC 8259 only: no leading zeros, trailing commas or control characters in
/// strings; nesting deeper than Foundation's limit of 512), so Foundation reads it or reports the error.
struct FastJSON {
    private let bytes: [UInt8]
    private var i = 0
    /// Arrays and objects open around the current position; beyond `maximumDepth` the recursion could exhaust the stack.
    private var depth = 0
    private static let maximumDepth = 512

    static func parse(_ data: Data) -> JSONValue? {
        var reader = FastJSON(bytes: [UInt8](data))
        guard let value = reader.value() else { return nil }
        reader.skipSpace()
        return reader.i == reader.bytes.count ? value : nil
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    private mutating func literal(_ text: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = text.utf8CodeUnitCount
        guard i + count <= bytes.count else { return nil }
        for k in 0..<count where bytes[i + k] != text.utf8Start[k] { return nil }
        i += count
        return value
    }

    private mutating func value() -> JSONValue? {
        skipSpace()
        guard i < bytes.count else { return nil }
        switch bytes[i] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    private mutating func object() -> JSONValue? {
        guard depth < Self.maximumDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        i += 1
        var members: [String: JSONValue] = [:]
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            guard let member = value() else { return nil }
            members[key] = member
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
            return nil
        }
    }

    private mutating func array() -> JSONValue? {
        guard depth < Self.maximumDepth else { return nil }
        depth += 1
        defer { depth -= 1 }
        i += 1
        var items: [JSONValue] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            guard let item = value() else { return nil }
            items.append(item)
            skipSpace()
            guard i < bytes.count else { return nil }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            return nil
        }
    }

    /// A string at the opening quote; escapes other than the plain ones (`\uXXXX`) go to Foundation.
    private mutating func string() -> String? {
        i += 1
        let start = i
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                let text = String(validating: bytes[start..<i], as: UTF8.self)
                i += 1
                return text
            }
            if b == UInt8(ascii: "\\") || b < 0x20 { return escapedString(from: start) }
            i += 1
        }
        return nil
    }

    private mutating func escapedString(from start: Int) -> String? {
        var out: [UInt8] = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(validating: out, as: UTF8.self) }
            if b < 0x20 { return nil }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            guard i + 1 < bytes.count else { return nil }
            let e = bytes[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            default: return nil  // \uXXXX and anything else: Foundation decides.
            }
        }
        return nil
    }

    private mutating func number() -> JSONValue? {
        let start = i
        var integral = true
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
        let digits = i - digitsStart
        guard digits > 0, !(digits > 1 && bytes[digitsStart] == 0x30) else { return nil }
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            integral = false
            i += 1
            let fraction = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > fraction else { return nil }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            integral = false
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            let exponent = i
            while i < bytes.count, bytes[i] >= 0x30, bytes[i] <= 0x39 { i += 1 }
            guard i > exponent else { return nil }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if integral {
            if let n = Int(text) { return text == "-0" ? nil : .int(n) }
            if let n = UInt64(text) { return .uint(n) }
            return nil
        }
        guard let x = Double(text), x.isFinite else { return nil }
        return .double(x)
    }
}
