/// A scalar as written: its text and quoting style; typed by the YAML 1.2 core schema on request.
///
/// There is no tag: the parser refuses every explicit tag (`!!str`, `!custom`), so the style alone decides.
///
/// The raw text is kept so the compiler can decide what a value means where the schema asks
/// (`"10"` quoted is a string, `10` plain an integer; `on`/`yes` stay strings, unlike YAML 1.1).
public struct Scalar: Sendable, Hashable {
    /// How the scalar was quoted in the source.
    public enum Style: Sendable, Hashable {
        case plain, singleQuoted, doubleQuoted, literal, folded
    }

    /// The value the core schema gives the scalar.
    public enum Value: Sendable, Hashable {
        case null
        case bool(Bool)
        case int(Int)
        /// An integer literal too large for a 64-bit integer; kept as text for the message.
        case integerOutOfRange(String)
        case float(Double)
        case string(String)
    }

    public var text: String
    public var style: Style

    public init(text: String, style: Style = .plain) {
        self.text = text
        self.style = style
    }

    /// The core-schema value: only plain scalars are typed; quoted and block ones are strings.
    public var value: Value {
        guard style == .plain else { return .string(text) }
        return CoreSchema.resolve(text)
    }

    /// The text when the scalar is a string by the core schema (so `"true"` is, `true` is not).
    public var string: String? {
        if case .string(let s) = value { return s }
        return nil
    }

    var kindDescription: String {
        switch value {
        case .null: return "null"
        case .bool: return "a boolean"
        case .int, .integerOutOfRange: return "an integer"
        case .float: return "a number"
        case .string: return "a string"
        }
    }
}

/// YAML 1.2 core schema resolution of plain scalars (https://yaml.org/spec/1.2.2/#1023-core-schema).
enum CoreSchema {
    static func resolve(_ text: String) -> Scalar.Value {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        if let int = integer(bytes, text) { return int }
        if isFloat(bytes), let d = Double(text) { return .float(d) }
        return .string(text)
    }

    private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }

    private static func integer(_ b: [UInt8], _ text: String) -> Scalar.Value? {
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "o") {
            let digits = b[2...]
            guard digits.allSatisfy({ $0 >= 48 && $0 <= 55 }) else { return nil }
            return Int(String(decoding: digits, as: UTF8.self), radix: 8).map { .int($0) } ?? .integerOutOfRange(text)
        }
        if b.count > 2, b[0] == UInt8(ascii: "0"), b[1] == UInt8(ascii: "x") {
            let digits = b[2...]
            guard digits.allSatisfy({ isDigit($0) || (65...70).contains($0) || (97...102).contains($0) }) else { return nil }
            return Int(String(decoding: digits, as: UTF8.self), radix: 16).map { .int($0) } ?? .integerOutOfRange(text)
        }
        var digits = b[...]
        if let first = digits.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") { digits = digits.dropFirst() }
        guard !digits.isEmpty, digits.allSatisfy(isDigit) else { return nil }
        return Int(text).map { .int($0) } ?? .integerOutOfRange(text)
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`
    private static func isFloat(_ b: [UInt8]) -> Bool {
        var i = 0
        if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
        var mantissaDigits = 0
        while i < b.count, isDigit(b[i]) { i += 1; mantissaDigits += 1 }
        if i < b.count, b[i] == UInt8(ascii: ".") {
            i += 1
            while i < b.count, isDigit(b[i]) { i += 1; mantissaDigits += 1 }
        }
        guard mantissaDigits > 0 else { return false }
        if i < b.count, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < b.count, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { i += 1 }
            var exponentDigits = 0
            while i < b.count, isDigit(b[i]) { i += 1; exponentDigits += 1 }
            guard exponentDigits > 0 else { return false }
        }
        return i == b.count
    }
}
