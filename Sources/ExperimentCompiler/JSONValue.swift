/// A JSON value with one canonical text form, so equal values always print to equal bytes.
///
/// Canonical form: object keys sorted by their UTF-8 bytes, 2-space indentation, `": "` after keys,
/// integers as integers, floats in Swift's shortest round-trip form (`0.001`, `1e-07`, `255.0`),
/// LF line ends and a trailing newline; an array of arrays of numbers (a matrix) has one row per line.
/// Non-finite floats have no JSON form and print as `null`.
public enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case uint(UInt64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The canonical text, ending in a newline.
    public var canonicalText: String {
        var out = ""
        write(to: &out, indent: "")
        out.append("\n")
        return out
    }

    /// The same members in the same order on one line, without spaces (a safetensors header).
    public var compactText: String {
        var out = ""
        write(to: &out, indent: nil)
        return out
    }

    /// `indent` nil writes the compact form.
    private func write(to out: inout String, indent: String?) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let n): out += String(n)
        case .uint(let n): out += String(n)
        case .double(let x): out += x.isFinite ? "\(x)" : "null"
        case .string(let s): Self.quote(s, into: &out)
        case .array(let items):
            guard !items.isEmpty else { out += "[]"; return }
            let inner = indent.map { $0 + "  " }
            out += inner == nil ? "[" : "[\n"
            let matrix = inner != nil && items.allSatisfy(\.isRowOfNumbers)
            for (i, item) in items.enumerated() {
                if matrix, case .array(let row) = item {
                    out += inner! + "["
                    for (j, number) in row.enumerated() {
                        number.write(to: &out, indent: nil)
                        if j < row.count - 1 { out += ", " }
                    }
                    out += i < items.count - 1 ? "],\n" : "]\n"
                    continue
                }
                out += inner ?? ""
                item.write(to: &out, indent: inner)
                if i < items.count - 1 { out += "," }
                if inner != nil { out += "\n" }
            }
            out += (indent ?? "") + "]"
        case .object(let members):
            guard !members.isEmpty else { out += "{}"; return }
            let inner = indent.map { $0 + "  " }
            let sorted = members.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
            out += inner == nil ? "{" : "{\n"
            for (i, member) in sorted.enumerated() {
                out += inner ?? ""
                Self.quote(member.key, into: &out)
                out += inner == nil ? ":" : ": "
                member.value.write(to: &out, indent: inner)
                if i < sorted.count - 1 { out += "," }
                if inner != nil { out += "\n" }
            }
            out += (indent ?? "") + "}"
        }
    }

    /// A non-empty array of numbers: inside an array, a row of a matrix, which the canonical text keeps on one
    /// line (`[980, 0, 1]`) so a confusion matrix reads as one and `diff` shows the row that changed.
    private var isRowOfNumbers: Bool {
        guard case .array(let row) = self, !row.isEmpty else { return false }
        return row.allSatisfy {
            switch $0 {
            case .int, .uint, .double: return true
            default: return false
            }
        }
    }

    /// RFC 8259 string escapes; other characters are written as themselves (UTF-8).
    private static func quote(_ s: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: appended whole (a sweep writes thousands of resolved experiments).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        out += "\""
    }
}
