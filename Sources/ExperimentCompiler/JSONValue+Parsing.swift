import Foundation

/// Why a JSON text could not be read: the position (1-based line and column) and what is wrong there.
public struct JSONParseError: Error, Equatable, Sendable, CustomStringConvertible {
    public var line: Int?
    public var column: Int?
    public var reason: String

    public var description: String {
        guard let line, let column else { return reason }
        return "line \(line), column \(column): \(reason)"
    }
}

extension JSONValue {
    /// Parses JSON text; integers stay `.int` (`.uint` above `Int.max`), numbers written with a
    /// fraction or an exponent become `.double`, so `255.0` reads back as it was written, and every
    /// double is correctly rounded (`FastJSON`); what that strict reader refuses goes to Foundation, which
    /// reads it or says where it is wrong.
    public init(parsing bytes: Data) throws(JSONParseError) {
        if let value = FastJSON.parse(bytes) {
            self = value
        } else {
            self = try Self.parsedByFoundation(bytes)
        }
    }

    /// `JSONSerialization`'s reading, converted: what it accepts beyond RFC 8259, and its errors.
    static func parsedByFoundation(_ bytes: Data) throws(JSONParseError) -> JSONValue {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: bytes, options: [.fragmentsAllowed])
        } catch {
            throw JSONParseError(describing: error as NSError, in: bytes)
        }
        return converting(object)
    }

    /// Parses JSON text given as a string.
    public init(parsing text: String) throws(JSONParseError) {
        try self.init(parsing: Data(text.utf8))
    }

    private static func converting(_ object: Any) -> JSONValue {
        switch object {
        case is NSNull: return .null
        case let string as String: return .string(string)
        case let number as NSNumber:
            // JSONSerialization tags what it read: "c" a boolean, "d" a number with a fraction or an
            // exponent, "Q" an integer above Int.max; everything else is an integer that fits an Int.
            switch String(cString: number.objCType) {
            case "c": return .bool(number.boolValue)
            case "d", "f": return .double(number.doubleValue)
            case "Q": return number.uint64Value <= UInt64(Int.max) ? .int(number.intValue) : .uint(number.uint64Value)
            default: return .int(number.intValue)
            }
        case let array as [Any]: return .array(array.map(converting))
        case let dictionary as [String: Any]: return .object(dictionary.mapValues(converting))
        default: return .string("\(object)")
        }
    }
}

extension JSONParseError {
    /// Foundation reports a byte offset ("around character 15"); editors want a line and a column.
    init(describing error: NSError, in bytes: Data) {
        let detail = error.userInfo[NSDebugDescriptionErrorKey] as? String ?? error.localizedDescription
        var reason = (detail.hasSuffix(".") ? String(detail.dropLast()) : detail).lowercasedFirst
        let offset: Int
        if let range = reason.range(of: " around character "), let at = Int(reason[range.upperBound...]) {
            (reason, offset) = (String(reason[..<range.lowerBound]), at)
        } else if reason.contains("end of file") || bytes.isEmpty {
            // A truncated file: the mistake is where the text stops.
            offset = bytes.count
        } else {
            self.init(line: nil, column: nil, reason: reason.isEmpty ? "not valid JSON" : reason)
            return
        }
        let prefix = bytes.prefix(max(0, min(offset, bytes.count)))
        let line = prefix.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
        let lineStart = prefix.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? prefix.startIndex
        self.init(line: line, column: prefix.distance(from: lineStart, to: prefix.endIndex) + 1, reason: reason)
    }
}

extension String {
    var lowercasedFirst: String { isEmpty ? self : prefix(1).lowercased() + dropFirst() }
}
